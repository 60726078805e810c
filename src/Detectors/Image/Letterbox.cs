using SciCurate.Parsers.Rendering;

namespace SciCurate.Detectors.Image;

/// <summary>
/// Ultralytics' letterbox: scale the image to fit a square of <see cref="Size"/> keeping its aspect ratio, centre it,
/// pad with grey 114. Boxes found in the square map back to the image with <see cref="ToImageFraction"/>.
/// </summary>
public readonly record struct Letterbox(int Size, int ImageWidth, int ImageHeight, double Scale, int ScaledWidth, int ScaledHeight, int PadLeft, int PadTop)
{
    public const byte PadValue = 114;

    public static Letterbox For(int imageWidth, int imageHeight, int size)
    {
        var scale = Math.Min((double)size / imageWidth, (double)size / imageHeight);
        var w = Math.Min(size, (int)Math.Round(imageWidth * scale, MidpointRounding.ToEven));
        var h = Math.Min(size, (int)Math.Round(imageHeight * scale, MidpointRounding.ToEven));
        // Same split of the padding as Ultralytics: round(d - 0.1) before, the rest after.
        var left = (int)Math.Round(((size - w) / 2.0) - 0.1, MidpointRounding.ToEven);
        var top = (int)Math.Round(((size - h) / 2.0) - 0.1, MidpointRounding.ToEven);
        return new Letterbox(size, imageWidth, imageHeight, scale, w, h, Math.Max(0, left), Math.Max(0, top));
    }

    /// <summary>
    /// Writes the letterboxed image into <paramref name="tensor"/> as float32 RGB in NCHW order, values / 255 — the
    /// input Ultralytics models are exported for. Resizes bilinearly (OpenCV INTER_LINEAR's pixel centres) when needed.
    /// </summary>
    public void Fill(RgbImage image, Span<float> tensor)
    {
        var plane = Size * Size;
        if (tensor.Length < 3 * plane)
        {
            throw new ArgumentException($"tensor holds {tensor.Length} floats, a 3×{Size}×{Size} input needs {3 * plane}", nameof(tensor));
        }

        tensor[..(3 * plane)].Fill(PadValue / 255f);
        var src = image.Pixels;
        var exact = ScaledWidth == image.Width && ScaledHeight == image.Height;
        var fx = (double)image.Width / ScaledWidth;
        var fy = (double)image.Height / ScaledHeight;
        for (var y = 0; y < ScaledHeight; y++)
        {
            var row = ((PadTop + y) * Size) + PadLeft;
            if (exact)
            {
                var s = y * image.Width * 3;
                for (var x = 0; x < ScaledWidth; x++, s += 3)
                {
                    tensor[row + x] = src[s] / 255f;
                    tensor[plane + row + x] = src[s + 1] / 255f;
                    tensor[(2 * plane) + row + x] = src[s + 2] / 255f;
                }

                continue;
            }

            var sy = Math.Clamp(((y + 0.5) * fy) - 0.5, 0, image.Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var wy = (float)(sy - y0);
            for (var x = 0; x < ScaledWidth; x++)
            {
                var sx = Math.Clamp(((x + 0.5) * fx) - 0.5, 0, image.Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var wx = (float)(sx - x0);
                for (var c = 0; c < 3; c++)
                {
                    var top = (src[(((y0 * image.Width) + x0) * 3) + c] * (1 - wx)) + (src[(((y0 * image.Width) + x1) * 3) + c] * wx);
                    var bottom = (src[(((y1 * image.Width) + x0) * 3) + c] * (1 - wx)) + (src[(((y1 * image.Width) + x1) * 3) + c] * wx);
                    tensor[(c * plane) + row + x] = ((top * (1 - wy)) + (bottom * wy)) / 255f;
                }
            }
        }
    }

    /// <summary>A box in letterbox pixels as fractions of the original image (0..1, clipped).</summary>
    public (double X1, double Y1, double X2, double Y2) ToImageFraction(double x1, double y1, double x2, double y2) =>
    (
        Math.Clamp((x1 - PadLeft) / Scale / ImageWidth, 0, 1),
        Math.Clamp((y1 - PadTop) / Scale / ImageHeight, 0, 1),
        Math.Clamp((x2 - PadLeft) / Scale / ImageWidth, 0, 1),
        Math.Clamp((y2 - PadTop) / Scale / ImageHeight, 0, 1)
    );
}
