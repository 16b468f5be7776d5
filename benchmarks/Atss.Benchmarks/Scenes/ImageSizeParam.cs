using System.Globalization;

namespace Atss.Benchmarks.Scenes;

/// <summary>Parses the <c>"HxW"</c> image-size parameter strings (height first, as in <c>pad_shape</c>).</summary>
internal static class ImageSizeParam
{
    public static (int Height, int Width) Parse(string text)
    {
        int x = text.IndexOf('x', StringComparison.Ordinal);
        if (x <= 0
            || !int.TryParse(text.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || !int.TryParse(text.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || height <= 0 || width <= 0)
        {
            throw new ArgumentException($"is '{text}'; expected HxW with positive integers, for example 800x1344.", nameof(text));
        }

        return (height, width);
    }

    /// <summary>Prior count of a padded image on the standard FPN strides 8..128 with <paramref name="anchorsPerLocation"/> anchors.</summary>
    public static long PriorCount(int height, int width, int anchorsPerLocation)
    {
        long locations = 0;
        foreach (int stride in (ReadOnlySpan<int>)[8, 16, 32, 64, 128])
        {
            FeatureMapSize size = FeatureMapSize.FromImage(height, width, stride);
            locations += (long)size.Height * size.Width;
        }

        return locations * anchorsPerLocation;
    }
}
