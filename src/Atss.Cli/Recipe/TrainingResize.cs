namespace Atss.Cli.Recipe;

/// <summary>
/// The ATSS training resize: keep the aspect ratio, bring the shorter side to the target (800) unless the longer side
/// would then exceed its bound (1333), and pad to a multiple of 32. The two code bases round the new size differently;
/// both rules are here.
/// </summary>
internal static class TrainingResize
{
    /// <summary>Padded sizes are multiples of this (the largest FPN stride that divides evenly, P5).</summary>
    public const int SizeDivisor = 32;

    /// <summary>
    /// MMDetection's <c>Resize(scale=(long, short), keep_ratio=True)</c> (mmcv <c>rescale_size</c>):
    /// <c>s = min(long / max(w, h), short / min(w, h))</c>, new size <c>(int)(w * s + 0.5)</c>, <c>(int)(h * s + 0.5)</c>;
    /// boxes are scaled per axis by new / old.
    /// </summary>
    public static ResizedImage MmDetection(int width, int height, ResizeScale scale)
    {
        if (scale.IsNone)
        {
            return Finish(width, height, width, height);
        }

        double s = Math.Min(scale.LongSide / (double)Math.Max(width, height), scale.ShortSide / (double)Math.Min(width, height));
        int newWidth = (int)((width * s) + 0.5);
        int newHeight = (int)((height * s) + 0.5);
        return Finish(width, height, newWidth, newHeight);
    }

    /// <summary>
    /// The paper code's resize (maskrcnn-benchmark <c>Resize(short, long)</c>): the shorter side becomes
    /// <c>size = short</c>, or <c>round(long * shorter / longer)</c> (half to even) when the longer side would exceed
    /// <c>long</c>; the longer side is <c>(int)(size * longer / shorter)</c>, truncated; an image whose shorter side
    /// already equals <c>size</c> keeps its size.
    /// </summary>
    public static ResizedImage MaskRcnnBenchmark(int width, int height, ResizeScale scale)
    {
        if (scale.IsNone)
        {
            return Finish(width, height, width, height);
        }

        double shortOriginal = Math.Min(width, height);
        double longOriginal = Math.Max(width, height);
        int size = scale.ShortSide;
        if (longOriginal / shortOriginal * size > scale.LongSide)
        {
            size = (int)Math.Round(scale.LongSide * shortOriginal / longOriginal, MidpointRounding.ToEven);
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
