using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Threading.Channels;
using SciCurate.Pipeline.Pdf;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>Parse workers (issue 15): a worker killed mid-chunk is replaced and the chunk retried once; a decompression bomb meets the heap cap.</summary>
[Trait("Category", "Slow")]
public sealed class BoundedWorkerTests
{
    [Fact]
    public async Task WorkerKilledMidChunk_IsReplaced_AndTheChunkRetriedOnce()
    {
        var outcomes = Channel.CreateUnbounded<ChunkOutcome>();
        await using var pool = new WorkerPool(1, () => WorkerPool.DefaultStartInfo(null), outcomes.Writer);
        var pdf = TestData.Pdf("base.pdf");
        await pool.EnqueueAsync(new ChunkRequest(1, pdf, 1, 0), new TimeBudget(TimeSpan.FromMinutes(5)), CancellationToken.None);
        Assert.Null((await outcomes.Reader.ReadAsync()).Failure);

        // Freeze the worker, hand it a chunk, then kill it: it dies holding the chunk, as under an OOM killer.
        // This pool's own worker: other tests in this host may run pools of their own at the same time.
        var worker = pool.LastStartedProcessId;
        Assert.True(worker > 0);
        Signal("STOP", worker);
        await pool.EnqueueAsync(new ChunkRequest(2, pdf, 1, 0), new TimeBudget(TimeSpan.FromMinutes(5)), CancellationToken.None);
        await Task.Delay(500);
        Signal("KILL", worker);
        var outcome = await outcomes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Null(outcome.Failure);
        Assert.NotNull(outcome.Response);
        Assert.Null(outcome.Response.Error);
        Assert.Equal(1, pool.Retries);
        Assert.Equal(2, pool.Started);
    }

    [Fact]
    public async Task DecompressionBomb_FailsItsDocument_TooLargeWhenDecoded_UnderTheHeapCap()
    {
        using var dir = TestData.NewTempDir();
        var bomb = Path.Combine(dir.Path, "bomb.pdf");
        File.WriteAllBytes(bomb, FlateBombPdf(768L << 20));
        var outcomes = Channel.CreateUnbounded<ChunkOutcome>();
        await using var pool = new WorkerPool(1, () => WorkerPool.DefaultStartInfo(null, memoryMegabytes: 256), outcomes.Writer);
        var clock = Stopwatch.StartNew();

        await pool.EnqueueAsync(new ChunkRequest(1, bomb, 1, 0), new TimeBudget(TimeSpan.FromMinutes(5)), CancellationToken.None);
        var outcome = await outcomes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(3));

        var error = outcome.Failure ?? outcome.Response?.Error;
        Assert.NotNull(error);
        Assert.StartsWith("too large when decoded", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BombPdf.Where.Content)]
    [InlineData(BombPdf.Where.Font)]
    public async Task Bomb_FailsAtTheDecodeLimit_NotTheHeapCap_FontFilesIncluded(BombPdf.Where where)
    {
        // Pdf:MaxDecodedMegabytes (256 in configs/curate.json) stops the inflater before the worker's 1 GiB heap cap
        // is near; a font bomb fails too, though PdfPig itself swallows a font that does not load.
        using var dir = TestData.NewTempDir();
        var bomb = Path.Combine(dir.Path, "bomb.pdf");
        File.WriteAllBytes(bomb, BombPdf.Build(512L << 20, where));
        var outcomes = Channel.CreateUnbounded<ChunkOutcome>();
        await using var pool = new WorkerPool(1, () => WorkerPool.DefaultStartInfo(null, memoryMegabytes: 1024), outcomes.Writer);

        await pool.EnqueueAsync(new ChunkRequest(1, bomb, 1, 0), new TimeBudget(TimeSpan.FromMinutes(5)), CancellationToken.None);
        var outcome = await outcomes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal("too large when decoded: a FlateDecode stream decodes to more than 256 MB (Pdf:MaxDecodedMegabytes)", outcome.Failure ?? outcome.Response?.Error);
        Assert.Equal(1, pool.Started);
    }

    /// <summary>A one-page PDF whose FlateDecode content stream inflates to <paramref name="size"/> bytes of spaces.</summary>
    internal static byte[] FlateBombPdf(long size)
    {
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (var left = size; left > 0; left -= block.Length)
            {
                z.Write(block, 0, (int)Math.Min(left, block.Length));
            }
        }

        var data = compressed.ToArray();
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Obj(string body, byte[]? stream = null)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Encoding.ASCII.GetBytes($"{offsets.Count} 0 obj\n{body}"));
            if (stream is not null)
            {
                pdf.Write("\nstream\n"u8);
                pdf.Write(stream);
                pdf.Write("\nendstream"u8);
            }

            pdf.Write("\nendobj\n"u8);
        }

        pdf.Write("%PDF-1.7\n"u8);
        Obj("<< /Type /Catalog /Pages 2 0 R >>");
        Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>");
        Obj($"<< /Length {data.Length} /Filter /FlateDecode >>", data);
        var xref = pdf.Position;
        pdf.Write(Encoding.ASCII.GetBytes($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var o in offsets)
        {
            pdf.Write(Encoding.ASCII.GetBytes($"{o:D10} 00000 n \n"));
        }

        pdf.Write(Encoding.ASCII.GetBytes($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static void Signal(string signal, int pid)
    {
        using var p = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
