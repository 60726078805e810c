using System.Buffers.Binary;
using SciCurate.TestSupport;

namespace SciCurate.Bench.Vlm;

/// <summary>
/// Token counts a Qwen2-VL-class model would report for a request, computed from what the request carries: the
/// image becomes one token per 28×28 pixel patch after the model's resize (at most 1280 patches, Qwen2-VL's default
/// max_pixels), text is about 4 characters a token. The answer is the page's text layer when there is one (a
/// transcription is about as long as the page's text) and a fixed 700 tokens for a scan. Modelled, not measured.
/// </summary>
public static class ModelledUsage
{
    public const int ScannedPageCompletionTokens = 700;
    private const int MaxPatches = 1280;
    private const int Patch = 28;

    public static Reply Reply(RecordedRequest r)
    {
        var texts = r.Texts;
        var textChars = texts.Sum(t => t.Length);
        var imageTokens = r.Images.Sum(i => ImageTokens(i.Bytes));
        var hint = texts.FirstOrDefault(t => t.Contains("<text_layer>", StringComparison.Ordinal));
        var hintText = hint is null ? "" : hint[(hint.IndexOf("<text_layer>", StringComparison.Ordinal) + 13)..].Replace("</text_layer>", "", StringComparison.Ordinal);
        var completion = hintText.Length > 0 ? Math.Max(20, hintText.Length / 4) : ScannedPageCompletionTokens;
        var answer = hintText.Length > 0 ? hintText.Trim() : "Transcribed page (loopback benchmark server).";
        return SciCurate.TestSupport.Reply.Answer(answer, promptTokens: textChars / 4 + imageTokens + 10, completionTokens: completion);
    }

    public static int ImageTokens(byte[] image)
    {
        var (w, h) = Size(image);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        // Round to multiples of 28, then scale down to at most MaxPatches patches (aspect kept), as Qwen2-VL's processor does.
        double pw = Math.Max(1, Math.Round(w / (double)Patch)), ph = Math.Max(1, Math.Round(h / (double)Patch));
        if (pw * ph > MaxPatches)
        {
            var scale = Math.Sqrt(MaxPatches / (pw * ph));
            pw = Math.Max(1, Math.Floor(pw * scale));
            ph = Math.Max(1, Math.Floor(ph * scale));
        }

        return (int)(pw * ph);
    }

    public static (int Width, int Height) Size(byte[] b)
    {
        if (b.Length > 24 && b[0] == 0x89 && b[1] == (byte)'P')
        {
            return (BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(20, 4)));
        }

        // JPEG: walk the segments to a start-of-frame marker.
        for (var i = 2; i + 9 < b.Length;)
        {
            if (b[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = b[i + 1];
            var length = (b[i + 2] << 8) | b[i + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return ((b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6]);
            }

            i += 2 + length;
        }

        return (0, 0);
    }
}
