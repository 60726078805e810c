using System.Runtime.InteropServices;

namespace SciCurate.DomainFilter.Web.Intake;

/// <summary>What a look at an input path found before it is opened: a regular file's size and time, or why it cannot be read.</summary>
public sealed record FileCheck(long Length, DateTime ModifiedUtc, string? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Only regular files are opened as inputs. A FIFO blocks its reader until a writer comes, a device (or a symlink to
/// /dev/zero) never ends, a file deleted during a run or named in bytes that are not UTF-8 cannot be opened: each is
/// reported with its reason at once, so a run always ends. The file type comes from statx(2) (its layout is the same
/// on every Linux architecture); elsewhere a file reporting no size is refused as "not a regular file or empty".
/// </summary>
public static partial class RegularFile
{
    public static FileCheck Check(string path)
    {
        if (path.Contains('\uFFFD'))
        {
            // .NET decodes a name that is not UTF-8 with replacement characters: that string names no file.
            return new FileCheck(0, default, "cannot read file: its name is not valid UTF-8");
        }

        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                // A symbolic link: the size and time are the target's (FileInfo reports the link's own, the length of
                // the path it holds, which would cut the read short and make files alike by their first bytes).
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? new FileInfo(path);
            }

            if (!info.Exists)
            {
                return new FileCheck(0, default, "cannot read file: it no longer exists");
            }

            var type = FileType(path);
            if (type is { } t && t != RegularType)
            {
                return new FileCheck(0, default, $"cannot read file: not a regular file ({Describe(t)})");
            }

            var length = info.Length;
            if (type is null && length == 0)
            {
                return new FileCheck(0, default, "cannot read file: not a regular file, or empty");
            }

            return new FileCheck(length, info.LastWriteTimeUtc, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new FileCheck(0, default, $"cannot read file: {e.Message}");
        }
    }

    /// <summary>Opens a checked file for reading; never more than <paramref name="length"/> bytes are read from it.</summary>
    public static Stream OpenRead(string path, long length, int bufferSize = 1 << 16) => Limit(Open(path, bufferSize), length);

    /// <summary>Opens a checked file for reading, for a caller that also reads at offsets through its handle; see <see cref="Limit"/>.</summary>
    public static FileStream Open(string path, int bufferSize = 1 << 16) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);

    /// <summary>A stream that never reads more than <paramref name="length"/> bytes of <paramref name="inner"/>, and disposes it.</summary>
    public static Stream Limit(Stream inner, long length) => new LengthLimitedStream(inner, length);

    private const int RegularType = 0x8000;

    private static string Describe(int type) => type switch
    {
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        0x4000 => "a directory",
        _ => $"type {type:X}",
    };

    /// <summary>S_IFMT bits of the file (symlinks followed), or null where statx is unavailable.</summary>
    private static int? FileType(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            Span<byte> buffer = stackalloc byte[256];
            unsafe
            {
                fixed (byte* b = buffer)
                {
                    // AT_FDCWD, follow symlinks, STATX_TYPE.
                    if (StatX(-100, path, 0, 1, b) != 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno == 2)
                        {
                            throw new FileNotFoundException("it no longer exists");
                        }

                        return null;
                    }
                }
            }

            // struct statx: stx_mode is a u16 at offset 28.
            return BitConverter.ToUInt16(buffer[28..30]) & 0xF000;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatX(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>A read-only view of a stream that ends after a given number of bytes (a file that grows is read as it was).</summary>
    private sealed class LengthLimitedStream(Stream inner, long limit) : ReadOnlyForwardStream
    {
        private readonly long _length = limit;
        private long _left = limit;

        public override long Length => _length;

        public override long Position
        {
            get => _length - _left;
            set => throw new NotSupportedException();
        }

        public override int Read(Span<byte> buffer)
        {
            if (_left <= 0)
            {
                return 0;
            }

            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
