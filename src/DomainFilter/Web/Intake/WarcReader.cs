using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// WARC 1.0/1.1 reader, plain or gzip-compressed per record (the Common Crawl layout). Yields `response` records
/// (and `resource` records) whose payload is HTML, with the HTTP status and headers; transfer and content encodings
/// are undone. Other record types and non-HTML payloads are skipped and counted. Lengths are checked before use: a
/// record whose Content-Length is missing, beyond <see cref="IntakeLimits.MaxRecordBytes"/>, beyond the file, or not
/// followed by the next record's header becomes one failed page, and the reader resynchronises by scanning for the
/// next `WARC/1.` anywhere in the bytes that follow its header (so records a lying length would have swallowed are
/// still read). Bytes before a record that are not one become a failed page of their own.
/// </summary>
public sealed class WarcReader(IntakeLimits limits) : IWebPageReader
{
    private static readonly byte[] VersionMark = "WARC/1."u8.ToArray();

    public WarcReader()
        : this(IntakeLimits.Default)
    {
    }

    public IEnumerable<RawPage> Read(string path, ReadCounts counts, CancellationToken ct = default)
    {
        using var stream = WebInputs.OpenMaybeGzip(path, limits);
        var input = new ByteReader(stream);
        var corruptSeen = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            RawPage? page;
            bool more;
            var at = input.Position;
            try
            {
                (page, more) = ReadRecord(input, path, counts);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException)
            {
                counts.Malformed++;
                page = Failed(path, at, $"unreadable WARC data: {e.Message}");
                more = false;
            }

            if (page is not null)
            {
                yield return page;
            }

            var corrupt = (stream as GzipMemberStream)?.CorruptMembers ?? 0;
            if (page is { Error: not null })
            {
                corruptSeen = corrupt;
            }

            if (!more)
            {
                if (corrupt > corruptSeen)
                {
                    // Damaged gzip data that no failed record accounts for (a member cut short after the last record).
                    counts.Malformed++;
                    yield return Failed(path, input.Position, $"corrupt gzip data: {corrupt - corruptSeen} member(s) truncated or unreadable after the last record");
                }

                yield break;
            }
        }
    }

    private static RawPage Failed(string path, long offset, string error, string? uri = null) =>
        new()
        {
            Url = string.IsNullOrEmpty(uri) ? $"warc:{Path.GetFileName(path)}@{offset}" : uri,
            Name = string.IsNullOrEmpty(uri) ? $"{Path.GetFileName(path)}@{offset}" : uri,
            Source = $"{path}@{offset}",
            Error = error,
        };

    private (RawPage? Page, bool More) ReadRecord(ByteReader input, string path, ReadCounts counts)
    {
        input.SkipLineBreaks();
        var offset = input.Position;
        if (!input.StartsWith(VersionMark))
        {
            if (input.AtEnd)
            {
                return (null, false);
            }

            // Bytes that are not a record: one failed page for the stretch, then the next version mark wherever it is.
            counts.Malformed++;
            var head = input.Peek(60);
            var found = input.ScanTo(VersionMark, skipFirst: false);
            var skipped = input.Position - offset;
            return (Failed(path, offset, $"not a WARC record: {skipped} bytes starting '{Truncate(head)}'"), found);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var headerBytes = 0L;
        string? line = input.ReadLine(limits.MaxHeaderBytes);
        while ((line = input.ReadLine(limits.MaxHeaderBytes)) is { Length: > 0 })
        {
            headerBytes += line.Length + 2;
            if (headerBytes > limits.MaxHeaderBytes)
            {
                counts.Malformed++;
                return (Failed(path, offset, $"WARC header longer than {limits.MaxHeaderBytes} bytes"), input.ScanTo(VersionMark, skipFirst: false));
            }

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
        var type = headers.GetValueOrDefault("WARC-Type", "");
        var uri = headers.GetValueOrDefault("WARC-Target-URI", "").Trim().TrimStart('<').TrimEnd('>');
        var wanted = type is "response" or "resource";
        if (!headers.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            counts.Malformed++;
            return (Failed(path, offset, $"bad Content-Length: '{Truncate(lengthText ?? "")}' is not a byte count", uri), input.ScanTo(VersionMark, skipFirst: false));
        }

        if (length > limits.MaxRecordBytes)
        {
            // Possibly a lie (99,999,999,999 or 2^63-1): the bytes after the header are searched for the next record
            // rather than skipped, so a false length loses only its own record.
            counts.Malformed++;
            return (Failed(path, offset, $"record too large: Content-Length {length} exceeds the {limits.MaxRecordBytes}-byte limit (Web:MaxRecordMegabytes)", uri),
                input.ScanTo(VersionMark, skipFirst: false));
        }

        var block = input.ReadExactly((int)length);
        if (block.Length < length || !input.AtRecordBoundary(VersionMark) || HoldsRecordHeader(block))
        {
            // The length does not fit what follows: the file ends first, or the next bytes are not a record's start.
            // Everything after the header is searched again for the next record.
            counts.Malformed++;
            var reason = block.Length < length
                ? $"truncated record: {block.Length} of {length} bytes before the end of the input"
                : $"wrong Content-Length: {length} bytes declared, but the record does not end there";
            input.PushBack(block);
            return (Failed(path, offset, reason, wanted ? uri : null), input.ScanTo(VersionMark, skipFirst: false));
        }

        if (!wanted)
        {
            counts.OtherRecordsSkipped++;
            return (null, true);
        }

        DateTimeOffset? date = DateTimeOffset.TryParse(headers.GetValueOrDefault("WARC-Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
        var source = $"{path}@{offset}";
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

        var http = ParseHttp(block, limits.MaxRecordBytes);
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

    /// <summary>
    /// True when a record's block holds a whole WARC header of its own (a version line after a blank line, then
    /// WARC-Type and Content-Length): its declared length swallowed the records after it, ending by chance on a
    /// record boundary. A payload that really embeds uncompressed WARC records is failed too; that is rare and lossless
    /// (the embedded records are then read as records).
    /// </summary>
    private static bool HoldsRecordHeader(byte[] block)
    {
        var span = block.AsSpan();
        int i;
        while ((i = span.IndexOf("\r\n\r\nWARC/1."u8)) >= 0)
        {
            var head = span[(i + 4)..];
            var end = head.IndexOf("\r\n\r\n"u8);
            if (end > 0 && end < 4096)
            {
                var text = head[..end];
                if (text.IndexOf("\r\nWARC-Type:"u8) > 0 && text.IndexOf("\r\nContent-Length:"u8) > 0)
                {
                    return true;
                }
            }

            span = span[(i + 4)..];
        }

        return false;
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
    internal static HttpMessage ParseHttp(byte[] block, long maxBodyBytes = 64L << 20)
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
                "gzip" or "x-gzip" => Inflate(new GZipStream(new MemoryStream(body), CompressionMode.Decompress), maxBodyBytes),
                "deflate" => Inflate(new ZLibStream(new MemoryStream(body), CompressionMode.Decompress), maxBodyBytes),
                "br" => Inflate(new BrotliStream(new MemoryStream(body), CompressionMode.Decompress), maxBodyBytes),
                _ => body,
            };
        }
        catch (InvalidDataException e)
        {
            return new HttpMessage(code, contentType, [], $"bad {encoding ?? transfer} body: {e.Message}");
        }
        catch (BodyTooLargeException)
        {
            return new HttpMessage(code, contentType, [], $"too large when decoded: the {encoding} body exceeds the {maxBodyBytes}-byte limit (Web:MaxRecordMegabytes)");
        }

        return new HttpMessage(code, contentType, body, null);
    }

    /// <summary>Undoes a content encoding, stopping at <paramref name="max"/> bytes (an HTTP gzip bomb).</summary>
    private static byte[] Inflate(Stream s, long max)
    {
        using (s)
        {
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = s.Read(buffer)) > 0)
            {
                if (output.Length + n > max)
                {
                    throw new BodyTooLargeException();
                }

                output.Write(buffer, 0, n);
            }

            return output.ToArray();
        }
    }

    private sealed class BodyTooLargeException : Exception;

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

    /// <summary>A buffered reader of lines and byte blocks over a forward-only stream, with push-back for resynchronising.</summary>
    private sealed class ByteReader(Stream stream)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;
        private bool _eof;

        public long Position { get; private set; }

        public bool AtEnd => !Ensure(1);

        /// <summary>Makes at least <paramref name="n"/> bytes available; false when the input ends first.</summary>
        private bool Ensure(int n)
        {
            if (_end - _start >= n)
            {
                return true;
            }

            if (_eof)
            {
                return false;
            }

            if (n > _buffer.Length)
            {
                var bigger = new byte[Math.Max(n, _buffer.Length * 2)];
                Buffer.BlockCopy(_buffer, _start, bigger, 0, _end - _start);
                _end -= _start;
                _start = 0;
                _buffer = bigger;
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            while (_end - _start < n)
            {
                var got = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (got == 0)
                {
                    _eof = true;
                    return false;
                }

                _end += got;
            }

            return true;
        }

        /// <summary>Puts bytes back in front of the unread input (they were read past a record that turned out bad).</summary>
        public void PushBack(byte[] bytes)
        {
            var merged = new byte[bytes.Length + (_end - _start) + (1 << 16)];
            Buffer.BlockCopy(bytes, 0, merged, 0, bytes.Length);
            Buffer.BlockCopy(_buffer, _start, merged, bytes.Length, _end - _start);
            _end = bytes.Length + (_end - _start);
            _start = 0;
            _buffer = merged;
            Position -= bytes.Length;
        }

        public bool StartsWith(ReadOnlySpan<byte> mark) => Ensure(mark.Length) && _buffer.AsSpan(_start, mark.Length).SequenceEqual(mark);

        public string Peek(int n)
        {
            Ensure(n);
            return Encoding.Latin1.GetString(_buffer, _start, Math.Min(n, _end - _start)).ReplaceLineEndings(" ");
        }

        public void SkipLineBreaks()
        {
            while (Ensure(1) && _buffer[_start] is (byte)'\r' or (byte)'\n')
            {
                _start++;
                Position++;
            }
        }

        /// <summary>
        /// After a record's block: true when the input ends, the record's terminating blank line follows, or the next
        /// bytes (after at most two line breaks) begin a record. Nothing is consumed.
        /// </summary>
        public bool AtRecordBoundary(ReadOnlySpan<byte> mark)
        {
            Ensure(4 + mark.Length);
            if (_end - _start >= 4 && _buffer.AsSpan(_start, 4).SequenceEqual("\r\n\r\n"u8))
            {
                // The block ends where the record's own terminator begins: the length is right, whatever follows.
                return true;
            }

            var at = _start;
            while (at < _end && at - _start < 4 && _buffer[at] is (byte)'\r' or (byte)'\n')
            {
                at++;
            }

            if (at == _end)
            {
                return true;
            }

            return _end - at >= mark.Length ? _buffer.AsSpan(at, mark.Length).SequenceEqual(mark) : false;
        }

        /// <summary>Consumes bytes up to the next <paramref name="mark"/> (left unread); false when the input ends without one.</summary>
        public bool ScanTo(ReadOnlySpan<byte> mark, bool skipFirst)
        {
            var from = skipFirst ? 1 : 0;
            while (true)
            {
                if (!Ensure(mark.Length + from))
                {
                    Position += _end - _start;
                    _start = _end;
                    return false;
                }

                var i = _buffer.AsSpan(_start + from, _end - _start - from).IndexOf(mark);
                if (i >= 0)
                {
                    _start += from + i;
                    Position += from + i;
                    return true;
                }

                // Keep the last mark.Length - 1 bytes: the mark may straddle the next read.
                var drop = _end - _start - (mark.Length - 1);
                _start += drop;
                Position += drop;
                from = 0;
                Ensure(mark.Length + 1);
            }
        }

        public string? ReadLine(int max)
        {
            if (!Ensure(1))
            {
                return null;
            }

            var line = new MemoryStream();
            while (Ensure(1))
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

            return Encoding.UTF8.GetString(line.ToArray());
        }

        public byte[] ReadExactly(int count)
        {
            var result = new byte[count];
            var got = 0;
            while (got < count && Ensure(1))
            {
                var n = Math.Min(count - got, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, got, n);
                _start += n;
                got += n;
                Position += n;
            }

            return got == count ? result : result[..got];
        }
    }
}
