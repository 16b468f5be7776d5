using SkiaSharp;

namespace Atss.Cli.Tests;

/// <summary>Checks on the tool's PNG files, decoded with SkiaSharp.</summary>
public static class PngInspection
{
    private static readonly byte[] s_signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the file starts with the PNG signature and decodes it.</summary>
    public static SKBitmap Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > s_signature.Length, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(s_signature, bytes[..s_signature.Length]);
        return SKBitmap.Decode(bytes) ?? throw new InvalidOperationException($"{path} does not decode");
    }

    /// <summary>Number of pixels whose colour differs from <paramref name="background"/>.</summary>
    public static long CountDifferent(SKBitmap bitmap, SKColor background)
    {
        long count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y) != background)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Whether some pixel has exactly <paramref name="colour"/>.</summary>
    public static bool Contains(SKBitmap bitmap, SKColor colour)
    {
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y) == colour)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether two colours differ by at most <paramref name="tolerance"/> per channel.</summary>
    public static bool Near(SKColor a, SKColor b, int tolerance)
        => Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;
}
