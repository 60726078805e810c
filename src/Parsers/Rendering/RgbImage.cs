using System.Globalization;

namespace SciCurate.Parsers.Rendering;

/// <summary>An 8-bit RGB raster, rows top to bottom, three bytes a pixel (what pdftoppm writes as binary PPM).</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * 3)
        {
            throw new ArgumentException($"{width}×{height} RGB needs {(long)width * height * 3} bytes, not {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>A uniform image (tests, padding).</summary>
    public static RgbImage Filled(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = r;
            pixels[i + 1] = g;
            pixels[i + 2] = b;
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// Reads a binary PPM (P6): magic, width, height and maximum value as ASCII separated by whitespace (with optional
    /// # comments), one whitespace byte, then the samples. 16-bit samples (maximum over 255) keep their high byte.
    /// </summary>
    /// <exception cref="FormatException">Not a complete P6 image.</exception>
    public static RgbImage ParsePpm(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != (byte)'P' || data[1] != (byte)'6')
        {
            throw new FormatException("not a binary PPM (P6) image");
        }

        var at = 2;
        var width = ReadHeaderNumber(data, ref at);
        var height = ReadHeaderNumber(data, ref at);
        var max = ReadHeaderNumber(data, ref at);
        if (width <= 0 || height <= 0 || max is <= 0 or > 65535)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"bad PPM header {width}×{height}, maximum {max}"));
        }

        at++; // the single whitespace byte before the raster
        var bytesPerSample = max > 255 ? 2 : 1;
        var need = (long)width * height * 3 * bytesPerSample;
        if (data.Length - at < need)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"PPM raster truncated: {data.Length - at} of {need} bytes"));
        }

        var pixels = new byte[width * height * 3];
        var raster = data.Slice(at);
        if (bytesPerSample == 1 && max == 255)
        {
            raster[..pixels.Length].CopyTo(pixels);
        }
        else
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                var sample = bytesPerSample == 1 ? raster[i] : (raster[2 * i] << 8) | raster[(2 * i) + 1];
                pixels[i] = (byte)((sample * 255 + (max / 2)) / max);
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static int ReadHeaderNumber(ReadOnlySpan<byte> data, ref int at)
    {
        while (at < data.Length)
        {
            if (data[at] == (byte)'#')
            {
                while (at < data.Length && data[at] != (byte)'\n')
                {
                    at++;
                }
            }
            else if (data[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                at++;
            }
            else
            {
                break;
            }
        }

        long value = 0;
        var digits = 0;
        while (at < data.Length && data[at] is >= (byte)'0' and <= (byte)'9' && digits < 9)
        {
            value = (value * 10) + (data[at] - '0');
            at++;
            digits++;
        }

        return digits == 0 ? throw new FormatException("PPM header ends early") : (int)value;
    }
}
