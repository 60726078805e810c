using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// WARC 1.0/1.1 reader, plain or gzip-compressed per record (the Common Crawl layout). Yields `response` records
/// (and `resource` records) whose payload is HTML, with the HTTP status and headers; transfer and content encodings
/// are undone. Other record types and non-HTML payloads are skipped and counted. A malformed record becomes a failed
/// page and the reader looks for the next `WARC/` header line; a truncated file ends with one failed page.
/// </summary>
public sealed class WarcReader(int maxRecordBytes = 64 << 20) : IWebPageReader
{
    private const int MaxHeaderLine = 64 << 10;

    public IEnumerable<RawPage> Read(string path, ReadCounts counts, CancellationToken ct = default)
    {
        using var stream = WebInputs.OpenMaybeGzip(path);
        var input = new ByteReader(stream);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            RawPage? page;
            bool more;
            try
            {
                (page, more) = ReadRecord(input, path, counts);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException)
            {
                counts.Malformed++;
                page = Failed(path, input.Position, $"unreadable WARC data: {e.Message}");
                more = false;
            }

            if (page is not null)
            {
                yield return page;
            }

            if (!more)
            {
                yield break;
            }
        }
    }

    private static RawPage Failed(string path, long offset, string error) =>
        new() { Url = $"warc:{Path.GetFileName(path)}@{offset}", Name = $"{Path.GetFileName(path)}@{offset}", Source = $"{path}@{offset}", Error = error };

    private (RawPage? Page, bool More) ReadRecord(ByteReader input, string path, ReadCounts counts)
    {
        // Skip blank lines between records.
        string? line;
        do
        {
            line = input.ReadLine(MaxHeaderLine);
            if (line is null)
            {
                return (null, false);
            }
        }
        while (line.Length == 0);

        var offset = input.Position - line.Length - 2;
        if (!line.StartsWith("WARC/", StringComparison.Ordinal))
        {
            counts.Malformed++;
            var failed = Failed(path, offset, $"expected a WARC/ version line, found '{Truncate(line)}'");
            // Resynchronise on the next version line.
            while ((line = input.ReadLine(MaxHeaderLine)) is not null && !line.StartsWith("WARC/1.", StringComparison.Ordinal))
            {
            }

            if (line is not null)
            {
                input.PushBack(line);
            }

            return (failed, line is not null);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while ((line = input.ReadLine(MaxHeaderLine)) is { Length: > 0 })
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        if (line is null)
        {
            counts.Malformed++;
            return (Failed(path, offset, "truncated WARC header"), false);
        }

        counts.Records++;
        if (!headers.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            counts.Malformed++;
            return (Failed(path, offset, "WARC record without a valid Content-Length"), true);
        }

        var type = headers.GetValueOrDefault("WARC-Type", "");
        var uri = headers.GetValueOrDefault("WARC-Target-URI", "").Trim().TrimStart('<').TrimEnd('>');
        var wanted = type is "response" or "resource";
        if (!wanted || length > maxRecordBytes)
        {
            var skipped = input.Skip(length);
            if (!wanted)
            {
                counts.OtherRecordsSkipped++;
            }

            if (skipped < length)
            {
                counts.Malformed++;
                return (Failed(path, offset, $"truncated record: {skipped} of {length} bytes"), false);
            }

            return (wanted ? new RawPage { Url = uri, Name = uri, Source = $"{path}@{offset}", Error = $"record of {length} bytes exceeds the {maxRecordBytes}-byte limit" } : null, true);
        }

        var block = input.ReadExactly((int)length);
        var source = $"{path}@{offset}";
        if (block.Length < length)
        {
            counts.Malformed++;
            return (new RawPage { Url = uri.Length > 0 ? uri : $"warc:{Path.GetFileName(path)}@{offset}", Name = uri, Source = source, Error = $"truncated record: {block.Length} of {length} bytes" }, false);
        }

        DateTimeOffset? date = DateTimeOffset.TryParse(headers.GetValueOrDefault("WARC-Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
        if (uri.Length == 0)
        {
            counts.Malformed++;
            return (Failed(path, offset, "record without WARC-Target-URI"), true);
        }

        if (type == "resource")
        {
            var contentType = headers.GetValueOrDefault("Content-Type");
            if (!IsHtml(contentType))
            {
                counts.NonHtmlSkipped++;
                return (null, true);
            }

            return (new RawPage { Url = uri, Name = uri, Source = source, Body = block, ContentType = contentType, FetchTime = date }, true);
        }

        var http = ParseHttp(block);
        if (http.Error is not null)
        {
            counts.Malformed++;
            return (new RawPage { Url = uri, Name = uri, Source = source, FetchTime = date, Error = http.Error }, true);
        }

        if (!IsHtml(http.ContentType) && !(http.ContentType is null && LooksLikeHtml(http.Body)))
        {
            counts.NonHtmlSkipped++;
            return (null, true);
        }

        return (new RawPage { Url = uri, Name = uri, Source = source, Body = http.Body, ContentType = http.ContentType, HttpStatus = http.Status, FetchTime = date }, true);
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && (contentType.Contains("html", StringComparison.OrdinalIgnoreCase));

    private static bool LooksLikeHtml(byte[] body)
    {
        var head = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 512)).TrimStart();
        return head.StartsWith('<') && (head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<!doctype", StringComparison.OrdinalIgnoreCase));
    }

    private static string Truncate(string s) => s.Length > 60 ? s[..60] + "…" : s;

    internal sealed record HttpMessage(int Status, string? ContentType, byte[] Body, string? Error);

    /// <summary>Splits an HTTP response into status, headers and body, undoing chunked transfer and gzip/deflate/br content encodings.</summary>
    internal static HttpMessage ParseHttp(byte[] block)
    {
        var end = IndexOf(block, "\r\n\r\n"u8);
        var separator = 4;
        if (end < 0)
        {
            end = IndexOf(block, "\n\n"u8);
            separator = 2;
        }

        if (end < 0)
        {
            return new HttpMessage(0, null, [], "HTTP response without a header/body separator");
        }

        var head = Encoding.Latin1.GetString(block, 0, end).Split('\n');
        var status = head[0].Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new HttpMessage(0, null, [], $"bad HTTP status line '{Truncate(head[0].Trim())}'");
        }

        string? contentType = null, transfer = null, encoding = null;
        foreach (var raw in head.Skip(1))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = raw[..colon].Trim();
            var value = raw[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                transfer = value;
            }
            else if (name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                encoding = value;
            }
        }

        var body = block.AsSpan(end + separator).ToArray();
        try
        {
            if (transfer is not null && transfer.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = Dechunk(body);
            }

            body = encoding?.Trim().ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => Inflate(new GZipStream(new MemoryStream(body), CompressionMode.Decompress)),
                "deflate" => Inflate(new ZLibStream(new MemoryStream(body), CompressionMode.Decompress)),
                "br" => Inflate(new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)),
                _ => body,
            };
        }
        catch (InvalidDataException e)
        {
            return new HttpMessage(code, contentType, [], $"bad {encoding ?? transfer} body: {e.Message}");
        }

        return new HttpMessage(code, contentType, body, null);
    }

    private static byte[] Inflate(Stream s)
    {
        using (s)
        {
            using var output = new MemoryStream();
            s.CopyTo(output);
            return output.ToArray();
        }
    }

    private static byte[] Dechunk(byte[] body)
    {
        // Already de-chunked by the crawler (Common Crawl keeps the header): leave such bodies alone.
        var output = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = IndexOf(body.AsSpan(at), "\r\n"u8);
            if (lineEnd < 0)
            {
                return output.Length == 0 ? body : output.ToArray();
            }

            var sizeText = Encoding.ASCII.GetString(body, at, lineEnd).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                return output.Length == 0 ? body : output.ToArray();
            }

            at += lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            size = Math.Min(size, body.Length - at);
            output.Write(body, at, size);
            at += size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);

    /// <summary>A small buffered reader of lines and byte blocks over a forward-only stream.</summary>
    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;
        private string? _pushed;

        public long Position { get; private set; }

        public void PushBack(string line) => _pushed = line;

        private bool Fill()
        {
            if (_start < _end)
            {
                return true;
            }

            _start = 0;
            _end = stream.Read(_buffer, 0, _buffer.Length);
            return _end > 0;
        }

        public string? ReadLine(int max)
        {
            if (_pushed is not null)
            {
                var p = _pushed;
                _pushed = null;
                return p;
            }

            var line = new MemoryStream();
            while (Fill())
            {
                var span = _buffer.AsSpan(_start, _end - _start);
                var nl = span.IndexOf((byte)'\n');
                if (nl >= 0)
                {
                    if (line.Length + nl <= max)
                    {
                        line.Write(span[..nl]);
                    }

                    _start += nl + 1;
                    Position += nl + 1;
                    var bytes = line.ToArray();
                    var n = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                    return Encoding.UTF8.GetString(bytes, 0, n);
                }

                if (line.Length + span.Length <= max)
                {
                    line.Write(span);
                }

                Position += span.Length;
                _start = _end;
            }

            return line.Length > 0 ? Encoding.UTF8.GetString(line.ToArray()) : null;
        }

        public byte[] ReadExactly(int count)
        {
            var result = new byte[count];
            var got = 0;
            while (got < count && Fill())
            {
                var n = Math.Min(count - got, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, got, n);
                _start += n;
                got += n;
                Position += n;
            }

            return got == count ? result : result[..got];
        }

        public long Skip(long count)
        {
            long done = 0;
            while (done < count && Fill())
            {
                var n = (int)Math.Min(count - done, _end - _start);
                _start += n;
                done += n;
                Position += n;
            }

            return done;
        }
    }
}
