using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// JSONL (optionally .gz): one object a line with `url` and `html` (or `text`). A bad line becomes a failed page and
/// the next line is read: a line longer than <see cref="IntakeLimits.MaxRecordBytes"/> is skipped without being held
/// in memory, and a string with an unpaired UTF-16 surrogate escape (`"\ud800"`) is read with U+FFFD in its place.
/// </summary>
public sealed partial class JsonlReader(IntakeLimits limits) : IWebPageReader
{
    public JsonlReader()
        : this(IntakeLimits.Default)
    {
    }

    public IEnumerable<RawPage> Read(string path, ReadCounts counts, CancellationToken ct = default)
    {
        using var stream = WebInputs.OpenMaybeGzip(path, limits);
        var lines = new LineReader(stream, limits.MaxRecordBytes);
        var lineNo = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            LineReader.Line? line;
            string? readError = null;
            try
            {
                line = lines.Next();
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
            if (line.Overlong is { } length)
            {
                counts.Records++;
                counts.Malformed++;
                yield return Failed(path, lineNo, $"record too large: a line of {length} bytes exceeds the {limits.MaxRecordBytes}-byte limit (Web:MaxRecordMegabytes)");
                continue;
            }

            if (line.Bytes.AsSpan().Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            counts.Records++;
            yield return Parse(path, lineNo, line.Bytes, counts);
        }
    }

    private static RawPage Failed(string path, int lineNo, string error) =>
        new() { Url = $"jsonl:{Path.GetFileName(path)}:{lineNo}", Name = $"{Path.GetFileName(path)}:{lineNo}", Source = $"{path}:{lineNo}", Error = error };

    private static RawPage Parse(string path, int lineNo, byte[] line, ReadCounts counts)
    {
        try
        {
            try
            {
                return ParseObject(path, lineNo, line, counts);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException && !System.Text.Unicode.Utf8.IsValid(line))
            {
                // JSON is UTF-8, but a line exported from a legacy-encoded store is not: its bytes are read as an
                // undeclared HTML page's would be (not one UTF-8 sequence in it: windows-1252 or a sniffed legacy
                // charset; a few bad bytes in UTF-8: U+FFFD for each), instead of failing or losing every accent.
                var decoded = CharsetDecoder.Decode(line, "application/json; charset=utf-8").Text;
                return ParseObject(path, lineNo, Encoding.UTF8.GetBytes(LoneSurrogate().Replace(decoded, "\\ufffd")), counts);
            }
            catch (InvalidOperationException)
            {
                // An unpaired surrogate escape cannot become a .NET string: read it as U+FFFD, as a browser would.
                var repaired = LoneSurrogate().Replace(Encoding.UTF8.GetString(line), "\\ufffd");
                return ParseObject(path, lineNo, Encoding.UTF8.GetBytes(repaired), counts);
            }
        }
        catch (JsonException e)
        {
            counts.Malformed++;
            return Failed(path, lineNo, $"invalid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            counts.Malformed++;
            return Failed(path, lineNo, $"invalid JSON string: {e.Message}");
        }
    }

    private static RawPage ParseObject(string path, int lineNo, byte[] line, ReadCounts counts)
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

    /// <summary>A \uD800-\uDBFF escape not followed by a \uDC00-\uDFFF one, or a low one not preceded by a high one (an odd run of backslashes before it).</summary>
    [GeneratedRegex(@"(?<=(?:^|[^\\])(?:\\\\)*)(?:\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})", RegexOptions.CultureInvariant)]
    private static partial Regex LoneSurrogate();

    /// <summary>Lines as bytes, each at most a given length; a longer line is skipped to its end and reported by its length.</summary>
    private sealed class LineReader(Stream stream, long max)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;

        public sealed record Line(byte[] Bytes, long? Overlong);

        public Line? Next()
        {
            var line = new MemoryStream();
            long length = 0;
            var any = false;
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = stream.Read(_buffer, 0, _buffer.Length);
                    if (_end == 0)
                    {
                        return any ? Finish(line, length) : null;
                    }
                }

                any = true;
                var span = _buffer.AsSpan(_start, _end - _start);
                var nl = span.IndexOf((byte)'\n');
                var take = nl >= 0 ? nl : span.Length;
                length += take;
                if (length <= max)
                {
                    line.Write(span[..take]);
                }
                else if (line.Length > 0)
                {
                    line = new MemoryStream();
                }

                _start += nl >= 0 ? nl + 1 : take;
                if (nl >= 0)
                {
                    return Finish(line, length);
                }
            }
        }

        private Line Finish(MemoryStream line, long length) => length > max ? new Line([], length) : new Line(line.ToArray(), null);
    }
}
