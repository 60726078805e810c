using System.IO.Compression;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>
/// The decompressed bytes of a gzip file, member after member (Common Crawl writes one member per WARC record).
/// Each member is decoded on its own, up to the next gzip member header in the compressed bytes, so a corrupt or
/// truncated member loses only its own bytes: decoding resumes at the next member and the reader above finds its
/// next record there. Headers are recognised by magic, method 8, clear reserved flag bits and an XFL of 0, 2 or 4
/// (any OS byte: Common Crawl writes 19), so a false match inside compressed data is rare (about one in 10^10
/// bytes); one splits a member, which then reads as corrupt and its record fails (the WARC reader resynchronises). Decompressed bytes are counted against a cap for the whole file, and in a file of
/// several members (after one has ended) a member inflating beyond <paramref name="maxMemberBytes"/> is cut off and
/// skipped like a corrupt one: a gzip bomb among records costs a bounded amount of work, and the records after it are read.
/// </summary>
public sealed class GzipMemberStream(Stream raw, long maxDecompressedBytes, long maxMemberBytes = long.MaxValue) : ReadOnlyForwardStream
{
    private long _memberBytes;
    private int _membersEnded;

    private const int HeaderBytes = 10;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private GZipStream? _member;
    private MemberSegment? _segment;
    private long _decompressed;

    /// <summary>Members that could not be decoded, and stretches of bytes that were not gzip data.</summary>
    public int CorruptMembers { get; private set; }

    public override long Position
    {
        get => _decompressed;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_member is null && !StartMember())
            {
                return 0;
            }

            int n;
            try
            {
                n = _member!.Read(buffer);
            }
            catch (InvalidDataException)
            {
                CorruptMembers++;
                n = 0;
            }

            if (n > 0 && _membersEnded > 0 && _memberBytes + n > maxMemberBytes)
            {
                // A bomb among records: the rest of this member is skipped without inflating it.
                CorruptMembers++;
                n = 0;
            }

            if (n > 0)
            {
                _memberBytes += n;
                _decompressed += n;
                if (_decompressed > maxDecompressedBytes)
                {
                    throw new InvalidDataException($"the input decompresses beyond the {maxDecompressedBytes}-byte limit (Web:MaxDecompressedMegabytes)");
                }

                return n;
            }

            // The member ended (or broke): whatever is left of its compressed bytes is skipped. A member that gave
            // nothing is a truncated one (a clipped download), not a record.
            if (_memberBytes == 0 && n == 0)
            {
                CorruptMembers++;
            }

            _segment!.SkipRest();
            _member?.Dispose();
            _member = null;
            _segment = null;
            _memberBytes = 0;
            _membersEnded++;
        }
    }

    /// <summary>Positions at the next member header (skipping bytes that are not one) and opens a decoder over it.</summary>
    private bool StartMember()
    {
        var skipped = false;
        while (true)
        {
            Ensure(HeaderBytes);
            if (_end - _start == 0)
            {
                if (skipped)
                {
                    CorruptMembers++;
                }

                return false;
            }

            if (_end - _start >= HeaderBytes && IsHeader(_buffer.AsSpan(_start)))
            {
                break;
            }

            // Not a member header here: skip to the next one.
            skipped = true;
            var next = FindHeader(_start + 1);
            _start = next >= 0 ? next
                : next <= -2 ? -2 - next
                : _eof ? _end : Math.Max(_start + 1, _end - HeaderBytes + 1);
        }

        if (skipped)
        {
            CorruptMembers++;
        }

        _segment = new MemberSegment(this);
        _member = new GZipStream(_segment, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>Makes at least <paramref name="n"/> unread bytes available unless the file ends first.</summary>
    private void Ensure(int n)
    {
        if (_end - _start >= n || _eof)
        {
            return;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < n && !_eof)
        {
            var got = raw.Read(_buffer, _end, _buffer.Length - _end);
            if (got == 0)
            {
                _eof = true;
            }

            _end += got;
        }
    }

    /// <summary>Index of the first member header at or after <paramref name="from"/> in the buffer, or -1.</summary>
    private int FindHeader(int from)
    {
        var at = from;
        while (at < _end)
        {
            var i = _buffer.AsSpan(at, _end - at).IndexOf((byte)0x1f);
            if (i < 0)
            {
                return -1;
            }

            at += i;
            if (_end - at < HeaderBytes)
            {
                // Too close to the end to tell: undecided unless the file ends here.
                return _eof ? -1 : -2 - at;
            }

            if (IsHeader(_buffer.AsSpan(at)))
            {
                return at;
            }

            at++;
        }

        return -1;
    }

    private static bool IsHeader(ReadOnlySpan<byte> b) =>
        b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 && (b[3] & 0xE0) == 0 && b[8] is 0 or 2 or 4;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            raw.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The compressed bytes of the current member: from its header up to the next member header.</summary>
    private sealed class MemberSegment(GzipMemberStream owner) : ReadOnlyForwardStream
    {
        private bool _first = true;
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            if (_ended || buffer.IsEmpty)
            {
                return 0;
            }

            while (true)
            {
                owner.Ensure(HeaderBytes);
                var available = owner._end - owner._start;
                if (available == 0)
                {
                    _ended = true;
                    return 0;
                }

                var next = owner.FindHeader(owner._start + (_first ? 1 : 0));
                int take;
                if (next >= 0)
                {
                    take = next - owner._start;
                }
                else if (next == -1)
                {
                    take = available;
                }
                else
                {
                    // A possible header straddles the buffer's end: hand out what precedes it, then look again.
                    take = -2 - next - owner._start;
                }

                if (take == 0 && next >= 0)
                {
                    _ended = true;
                    return 0;
                }

                if (take == 0)
                {
                    // Only the undecided tail is left: read more of the file to decide.
                    owner.Ensure(available + 1);
                    if (owner._end - owner._start == available && owner._eof)
                    {
                        take = available;
                    }
                    else
                    {
                        continue;
                    }
                }

                var n = Math.Min(take, buffer.Length);
                owner._buffer.AsSpan(owner._start, n).CopyTo(buffer);
                owner._start += n;
                _first = false;
                return n;
            }
        }

        /// <summary>Skips the member's remaining compressed bytes.</summary>
        public void SkipRest()
        {
            var scratch = new byte[1 << 16];
            while (Read(scratch) > 0)
            {
            }
        }
    }
}
