namespace Atss.Cli.Recipe;

/// <summary>
/// The ATSS training resize: keep the aspect ratio, bring the shorter side to 800 unless the longer side would then
/// exceed 1333, and pad to a multiple of 32. The two code bases round the new size differently; both rules are here.
/// </summary>
internal static class TrainingResize
{
    /// <summary>Target length of the shorter side.</summary>
    public const int ShortSide = 800;

    /// <summary>Upper bound on the longer side.</summary>
    public const int LongSide = 1333;

    /// <summary>Padded sizes are multiples of this (the largest FPN stride that divides evenly, P5).</summary>
    public const int SizeDivisor = 32;

    /// <summary>
    /// MMDetection's <c>Resize(scale=(1333, 800), keep_ratio=True)</c> (mmcv <c>rescale_size</c>):
    /// <c>s = min(1333 / max(w, h), 800 / min(w, h))</c>, new size <c>(int)(w * s + 0.5)</c>, <c>(int)(h * s + 0.5)</c>;
    /// boxes are scaled per axis by new / old.
    /// </summary>
    public static ResizedImage MmDetection(int width, int height)
    {
        double scale = Math.Min(LongSide / (double)Math.Max(width, height), ShortSide / (double)Math.Min(width, height));
        int newWidth = (int)((width * scale) + 0.5);
        int newHeight = (int)((height * scale) + 0.5);
        return Finish(width, height, newWidth, newHeight);
    }

    /// <summary>
    /// The paper code's resize (maskrcnn-benchmark <c>Resize(800, 1333)</c>): the shorter side becomes
    /// <c>size = 800</c>, or <c>round(1333 * short / long)</c> (half to even) when the longer side would exceed 1333;
    /// the longer side is <c>(int)(size * long / short)</c>, truncated; an image whose shorter side already equals
    /// <c>size</c> keeps its size.
    /// </summary>
    public static ResizedImage MaskRcnnBenchmark(int width, int height)
    {
        double shortOriginal = Math.Min(width, height);
        double longOriginal = Math.Max(width, height);
        int size = ShortSide;
        if (longOriginal / shortOriginal * size > LongSide)
        {
            size = (int)Math.Round(LongSide * shortOriginal / longOriginal, MidpointRounding.ToEven);
        }

        int newWidth;
        int newHeight;
        if ((width <= height && width == size) || (height <= width && height == size))
        {
            (newWidth, newHeight) = (width, height);
        }
        else if (width < height)
        {
            newWidth = size;
            newHeight = (int)((double)size * height / width);
        }
        else
        {
            newHeight = size;
            newWidth = (int)((double)size * width / height);
        }

        return Finish(width, height, newWidth, newHeight);
    }

    /// <summary>The smallest multiple of <see cref="SizeDivisor"/> that is at least <paramref name="size"/>.</summary>
    public static int Pad(int size) => (int)(((long)size + SizeDivisor - 1) / SizeDivisor * SizeDivisor);

    private static ResizedImage Finish(int width, int height, int newWidth, int newHeight)
    {
        // Extreme aspect ratios can round a side to 0; keep one pixel so the image still has priors.
        newWidth = Math.Max(newWidth, 1);
        newHeight = Math.Max(newHeight, 1);
        return new ResizedImage(newWidth, newHeight, Pad(newWidth), Pad(newHeight), newWidth / (double)width, newHeight / (double)height);
    }
}
