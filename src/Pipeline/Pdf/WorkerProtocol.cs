using System.Buffers;
using System.Buffers.Binary;
using SciCurate.DomainFilter.Text;
using SciCurate.Parsers.Pdf;

namespace SciCurate.Pipeline.Pdf;

/// <summary>A request to a parse worker: pages First..Last (1-based, inclusive; Last 0 = up to the chunk size) of a file.</summary>
public sealed record ChunkRequest(long Id, string Path, int First, int Last)
{
    /// <summary>
    /// Set on a finish request: a parsed and routed document's pages as they enter the merge. The worker does not
    /// parse; it finishes the document's text (<see cref="PdfDocumentFinisher"/>) and answers with
    /// <see cref="ChunkResponse.Finished"/>.
    /// </summary>
    public IReadOnlyList<PageContent>? Finish { get; init; }
}

/// <summary>A worker's answer: the parsed pages, or the reason the document cannot be parsed.</summary>
public sealed record ChunkResponse(long Id, string? Error, int PageCount, IReadOnlyList<PageResult> Pages)
{
    /// <summary>The answer to a finish request.</summary>
    public FinishedText? Finished { get; init; }
}

/// <summary>A parsed page with its detector verdict, as it crosses the process boundary.</summary>
public sealed record PageResult(
    int PageNo,
    double Width,
    double Height,
    IReadOnlyList<TextBlock> Blocks,
    int CharCount,
    double ParseMs,
    float[] Features,
    double HardScore,
    bool Hard,
    IReadOnlyList<string> HardReasons,
    string Detector,
    string? Error);

/// <summary>
/// The worker protocol's wire format: after one ready byte (<see cref="Ready"/>) from the worker, each message is a
/// frame of a 4-byte little-endian length and a binary body (numbers as their exact bits, strings as their UTF-16
/// code units with a count, so a page reads back exactly as parsed, lone surrogates included). The parent spent most of its
/// per-page time turning JSON lines back into records; a binary frame is read straight into them.
/// </summary>
internal static class WorkerFrames
{
    public const byte Ready = (byte)'\n';

    /// <summary>No answer is this large; a larger length means a corrupt stream, not a big document.</summary>
    private const int MaxFrameBytes = 1 << 30;

    public static byte[] Frame(ChunkRequest request) => Frame(w =>
    {
        w.Write(request.Id);
        WriteString(w, request.Path);
        w.Write(request.First);
        w.Write(request.Last);
        w.Write(request.Finish is not null);
        if (request.Finish is { } pages)
        {
            w.Write(pages.Count);
            foreach (var page in pages)
            {
                w.Write(page.PageNo);
                w.Write(page.Height);
                WriteBlocks(w, page.Blocks);
                WriteNullable(w, page.ReplacementMarkdown);
            }
        }
    });

    public static byte[] Frame(ChunkResponse response) => Frame(w =>
    {
        w.Write(response.Id);
        WriteNullable(w, response.Error);
        w.Write(response.PageCount);
        w.Write(response.Pages.Count);
        foreach (var page in response.Pages)
        {
            WritePage(w, page);
        }

        w.Write(response.Finished is not null);
        if (response.Finished is { } f)
        {
            WriteFinished(w, f);
        }
    });

    public static ChunkRequest ReadRequest(ReadOnlySpan<byte> body)
    {
        var r = new SpanReader(body);
        var request = new ChunkRequest(r.Int64(), r.String(), r.Int32(), r.Int32());
        if (!r.Boolean())
        {
            return request;
        }

        var pages = new PageContent[r.Count()];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = new PageContent(r.Int32(), r.Double(), ReadBlocks(ref r), r.NullableString());
        }

        return request with { Finish = pages };
    }

    public static ChunkResponse ReadResponse(ReadOnlySpan<byte> body)
    {
        var r = new SpanReader(body);
        var id = r.Int64();
        var error = r.NullableString();
        var pageCount = r.Int32();
        var pages = new PageResult[r.Count()];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = ReadPage(ref r);
        }

        return new ChunkResponse(id, error, pageCount, pages) { Finished = r.Boolean() ? ReadFinished(ref r) : null };
    }

    /// <summary>Reads one frame's body into a pooled buffer (return it with <see cref="ArrayPool{T}.Return"/>); null at the end of the stream.</summary>
    public static async Task<(byte[] Buffer, int Length)?> ReadFrameAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[4];
        var got = await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, ct);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new EndOfStreamException("worker frame cut off in its header");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"worker frame of {length} bytes");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(0, length), ct);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length);
    }

    /// <summary>The blocking read the worker uses on its stdin; null at the end of the stream.</summary>
    public static byte[]? ReadFrame(Stream stream)
    {
        Span<byte> header = stackalloc byte[4];
        var got = stream.ReadAtLeast(header, 4, throwOnEndOfStream: false);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new EndOfStreamException("request frame cut off in its header");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"request frame of {length} bytes");
        }

        var body = new byte[length];
        stream.ReadExactly(body);
        return body;
    }

    private static byte[] Frame(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.Unicode, leaveOpen: true))
        {
            w.Write(0);
            write(w);
        }

        var frame = buffer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length - 4);
        return frame;
    }

    private static void WritePage(BinaryWriter w, PageResult p)
    {
        w.Write(p.PageNo);
        w.Write(p.Width);
        w.Write(p.Height);
        WriteBlocks(w, p.Blocks);
        w.Write(p.CharCount);
        w.Write(p.ParseMs);
        w.Write(p.Features.Length);
        foreach (var f in p.Features)
        {
            w.Write(f);
        }

        w.Write(p.HardScore);
        w.Write(p.Hard);
        w.Write(p.HardReasons.Count);
        foreach (var reason in p.HardReasons)
        {
            WriteString(w, reason);
        }

        WriteString(w, p.Detector);
        WriteNullable(w, p.Error);
    }

    private static PageResult ReadPage(ref SpanReader r)
    {
        var pageNo = r.Int32();
        var width = r.Double();
        var height = r.Double();
        var blocks = ReadBlocks(ref r);
        var charCount = r.Int32();
        var parseMs = r.Double();
        var features = new float[r.Count()];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = r.Single();
        }

        var score = r.Double();
        var hard = r.Boolean();
        var reasons = new string[r.Count()];
        for (var i = 0; i < reasons.Length; i++)
        {
            reasons[i] = r.String();
        }

        return new PageResult(pageNo, width, height, blocks, charCount, parseMs, features, score, hard, reasons, r.String(), r.NullableString());
    }

    private static void WriteBlocks(BinaryWriter w, IReadOnlyList<TextBlock> blocks)
    {
        w.Write(blocks.Count);
        foreach (var b in blocks)
        {
            w.Write((int)b.Kind);
            w.Write(b.Level);
            WriteString(w, b.Text);
            w.Write(b.Left);
            w.Write(b.Bottom);
            w.Write(b.Right);
            w.Write(b.Top);
            w.Write(b.FontSize);
        }
    }

    private static TextBlock[] ReadBlocks(ref SpanReader r)
    {
        var blocks = new TextBlock[r.Count()];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = new TextBlock((BlockKind)r.Int32(), r.Int32(), r.String(), r.Double(), r.Double(), r.Double(), r.Double(), r.Double());
        }

        return blocks;
    }

    private static void WriteFinished(BinaryWriter w, FinishedText f)
    {
        w.Write(f.PageMarkdown.Length);
        for (var i = 0; i < f.PageMarkdown.Length; i++)
        {
            WriteString(w, f.PageMarkdown[i]);
            w.Write(f.PageChars[i]);
            w.Write(f.PageTokens[i]);
            WriteNullable(w, f.PageLanguage[i]);
        }

        WriteString(w, f.Markdown);
        w.Write(f.Chars);
        w.Write(f.Tokens);
        WriteString(w, f.Language);
        w.Write(f.LanguageConfidence);
        w.Write(f.Pii is not null);
        if (f.Pii is { } pii)
        {
            w.Write(pii.Emails);
            w.Write(pii.IpAddresses);
            w.Write(pii.PhoneNumbers);
        }

        w.Write(f.Signature is not null);
        if (f.Signature is { } s)
        {
            w.Write(s.MinHashes.Length);
            foreach (var h in s.MinHashes)
            {
                w.Write(h);
            }

            w.Write(s.ExactHash);
            w.Write(s.Words);
        }
    }

    private static FinishedText ReadFinished(ref SpanReader r)
    {
        var n = r.Count();
        var markdown = new string[n];
        var chars = new int[n];
        var tokens = new long[n];
        var languages = new string?[n];
        for (var i = 0; i < n; i++)
        {
            markdown[i] = r.String();
            chars[i] = r.Int32();
            tokens[i] = r.Int64();
            languages[i] = r.NullableString();
        }

        var doc = r.String();
        var docChars = r.Int32();
        var docTokens = r.Int64();
        var language = r.String();
        var confidence = r.Double();
        var pii = r.Boolean() ? new PiiMasking(doc, r.Int32(), r.Int32(), r.Int32()) : null;
        DocumentSignature? signature = null;
        if (r.Boolean())
        {
            var hashes = new uint[r.Count()];
            for (var i = 0; i < hashes.Length; i++)
            {
                hashes[i] = (uint)r.Int32();
            }

            signature = new DocumentSignature(hashes, (ulong)r.Int64(), r.Int32());
        }

        return new FinishedText(markdown, chars, tokens, languages, doc, docChars, docTokens, language, confidence, pii, signature);
    }

    private static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null)
        {
            WriteString(w, s);
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        w.Write(s.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.AsSpan()));
    }

    /// <summary>Reads a frame body from a span; a short body throws <see cref="EndOfStreamException"/>.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || _at + n > _data.Length)
            {
                throw new EndOfStreamException("worker frame cut off");
            }

            var s = _data.Slice(_at, n);
            _at += n;
            return s;
        }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public float Single() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

        public bool Boolean() => Take(1)[0] != 0;

        /// <summary>A collection's length, checked against what is left so a corrupt frame cannot ask for a huge array.</summary>
        public int Count()
        {
            var n = Int32();
            return n >= 0 && n <= _data.Length - _at ? n : throw new InvalidDataException($"worker frame: bad count {n}");
        }

        public string String()
        {
            var length = Int32();
            if (length < 0 || length > (_data.Length - _at) / 2)
            {
                throw new InvalidDataException($"worker frame: bad string length {length}");
            }

            return new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(Take(length * 2)));
        }

        public string? NullableString() => Boolean() ? String() : null;
    }
}
