using System.Text.Json;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>JSONL (optionally .gz): one object a line with `url` and `html` (or `text`). A bad line becomes a failed page.</summary>
public sealed class JsonlReader : IWebPageReader
{
    public IEnumerable<RawPage> Read(string path, ReadCounts counts, CancellationToken ct = default)
    {
        using var stream = WebInputs.OpenMaybeGzip(path);
        using var reader = new StreamReader(stream);
        var lineNo = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            string? line;
            string? readError = null;
            try
            {
                line = reader.ReadLine();
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                line = null;
                readError = e.Message;
            }

            if (readError is not null)
            {
                counts.Malformed++;
                yield return Failed(path, lineNo + 1, $"unreadable data: {readError}");
                yield break;
            }

            if (line is null)
            {
                yield break;
            }

            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            counts.Records++;
            yield return Parse(path, lineNo, line, counts);
        }
    }

    private static RawPage Failed(string path, int lineNo, string error) =>
        new() { Url = $"jsonl:{Path.GetFileName(path)}:{lineNo}", Name = $"{Path.GetFileName(path)}:{lineNo}", Source = $"{path}:{lineNo}", Error = error };

    private static RawPage Parse(string path, int lineNo, string line, ReadCounts counts)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                counts.Malformed++;
                return Failed(path, lineNo, "line is not a JSON object");
            }

            var url = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            if (string.IsNullOrWhiteSpace(url))
            {
                counts.Malformed++;
                return Failed(path, lineNo, "no `url` string");
            }

            var source = $"{path}:{lineNo}";
            if (root.TryGetProperty("html", out var h) && h.ValueKind == JsonValueKind.String)
            {
                return new RawPage { Url = url, Name = url, Source = source, Html = h.GetString() };
            }

            if (root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            {
                return new RawPage { Url = url, Name = url, Source = source, Html = t.GetString(), IsPlainText = true };
            }

            counts.Malformed++;
            return new RawPage { Url = url, Name = url, Source = source, Error = "no `html` or `text` string" };
        }
        catch (JsonException e)
        {
            counts.Malformed++;
            return Failed(path, lineNo, $"invalid JSON: {e.Message}");
        }
    }
}
