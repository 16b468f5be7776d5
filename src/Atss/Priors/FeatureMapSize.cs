namespace Atss;

/// <summary>Size of one FPN level's feature map, in cells.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct FeatureMapSize(int Height, int Width)
{
    /// <summary>The feature-map size of a padded image at <paramref name="stride"/>: <c>ceil(pad / stride)</c> on each axis.</summary>
    /// <param name="paddedHeight">Padded image height in pixels.</param>
    /// <param name="paddedWidth">Padded image width in pixels.</param>
    /// <param name="stride">Level stride in pixels.</param>
    /// <returns>The feature-map size.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or <paramref name="stride"/> is not positive.</exception>
    public static FeatureMapSize FromImage(int paddedHeight, int paddedWidth, int stride)
    {
        Validation.ValidateImageSize(paddedHeight, paddedWidth);
        ThrowHelper.ThrowIfLessThan(stride, 1, nameof(stride));
        return new((int)(((long)paddedHeight + stride - 1) / stride), (int)(((long)paddedWidth + stride - 1) / stride));
    }
}
