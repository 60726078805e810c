using SciCurate.Parsers.Pdf;
using SciCurate.TestSupport;

namespace SciCurate.Parsers.Tests;

public class PdfOpenerTests
{
    private static string FailureOf(string path, PdfOpenOptions? options = null)
    {
        var e = Assert.Throws<PdfOpenException>(() =>
        {
            using var doc = PdfOpener.Open(path, options ?? new PdfOpenOptions());
            foreach (var page in doc.GetPages())
            {
                _ = page.Letters.Count;
            }
        });
        return e.Message;
    }

    [Fact]
    public void Encrypted_without_password_fails_saying_so()
    {
        Assert.StartsWith("encrypted:", FailureOf(TestData.Pdf("aes-128.pdf")), StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_with_configured_password_reads_like_the_plain_file()
    {
        static string Text(string path, PdfOpenOptions options)
        {
            using var doc = PdfOpener.Open(path, options);
            return string.Join("\n", doc.GetPages().Select(p => new PdfPigPageParser().Parse(p).Markdown));
        }

        var plain = Text(TestData.Pdf("base.pdf"), new PdfOpenOptions());
        var decrypted = Text(TestData.Pdf("aes-128.pdf"), new PdfOpenOptions { Passwords = ["wrong", "foo"] });
        Assert.Contains("Secret!", plain, StringComparison.Ordinal);
        Assert.Equal(plain, decrypted);
    }

    [Fact]
    public void Empty_non_pdf_and_truncated_files_fail_with_reasons()
    {
        using var dir = TestData.NewTempDir();
        File.WriteAllBytes(dir.File("empty.pdf"), []);
        File.WriteAllText(dir.File("page.pdf"), "<html><body>not a pdf</body></html>");
        var bytes = File.ReadAllBytes(TestData.Pdf("base.pdf"));
        File.WriteAllBytes(dir.File("truncated.pdf"), bytes[..(bytes.Length / 3)]);

        Assert.Equal("empty file (0 bytes)", FailureOf(dir.File("empty.pdf")));
        Assert.StartsWith("not a PDF:", FailureOf(dir.File("page.pdf")), StringComparison.Ordinal);
        Assert.StartsWith("corrupt PDF:", FailureOf(dir.File("truncated.pdf")), StringComparison.Ordinal);
        Assert.StartsWith("file too large:", FailureOf(TestData.Pdf("base.pdf"), new PdfOpenOptions { MaxFileMegabytes = 0 }), StringComparison.Ordinal);
        Assert.StartsWith("too many pages:", FailureOf(TestData.Pdf("multi_column_miss.pdf"), new PdfOpenOptions { MaxPages = 0 }), StringComparison.Ordinal);
    }
}
