namespace Atss;

/// <summary>Shared tiling of per-level base anchors over feature-map grids (the anchor generators' common half).</summary>
internal static class GridTiler
{
    public static FeatureMapSize[] SizesForImage(int paddedHeight, int paddedWidth, ReadOnlySpan<int> strides)
    {
        Validation.ValidateImageSize(paddedHeight, paddedWidth);
        var sizes = new FeatureMapSize[strides.Length];
        for (int l = 0; l < strides.Length; l++)
        {
            sizes[l] = FeatureMapSize.FromImage(paddedHeight, paddedWidth, strides[l]);
        }

        return sizes;
    }

    /// <summary>
    /// A generator's per-level overload run for an image size, with its size errors (too many priors, coordinates out of
    /// range) reported against the image size the caller passed rather than the per-level sizes it never saw.
    /// </summary>
    public static PriorSet ForImage(int paddedHeight, int paddedWidth, ReadOnlySpan<int> strides, Func<FeatureMapSize[], PriorSet> generate)
    {
        FeatureMapSize[] sizes = SizesForImage(paddedHeight, paddedWidth, strides);
        try
        {
            return generate(sizes);
        }
        catch (ArgumentException e) when (e.ParamName == FeatureMapSizesName)
        {
            // The per-level detail (which level, how many priors or how far) stays in the inner exception.
            throw new ArgumentException(
                $"'paddedHeight' and 'paddedWidth' ({paddedHeight}x{paddedWidth}) are too large for the generator's strides and anchors: the priors would not fit in an array or would reach beyond +-{PriorAssigner.MaxCoordinate} (the inner exception names the level).",
                nameof(paddedHeight),
                e);
        }
    }

    /// <summary>The parameter name the per-level overloads report.</summary>
    public const string FeatureMapSizesName = "featureMapSizes";

    private static double MaxMagnitude(Box[] boxes)
    {
        double max = 0;
        foreach (Box b in boxes)
        {
            max = Math.Max(max, Math.Max(Math.Max(Math.Abs(b.X1), Math.Abs(b.Y1)), Math.Max(Math.Abs(b.X2), Math.Abs(b.Y2))));
        }

        return max;
    }

    /// <summary>prior(y, x, a) = base[a] + (x * stride, y * stride, x * stride, y * stride), one float32 add per coordinate.</summary>
    public static PriorSet TileAnchors(ReadOnlySpan<FeatureMapSize> sizes, ReadOnlySpan<int> strides, Box[][] baseAnchors, int anchorsPerLocation)
    {
        int total = Validation.ValidateFeatureMaps(sizes, strides.Length, anchorsPerLocation, FeatureMapSizesName);
        for (int l = 0; l < sizes.Length; l++)
        {
            double reach = (Math.Max(sizes[l].Height, sizes[l].Width) * (double)strides[l]) + MaxMagnitude(baseAnchors[l]);
            Validation.ValidateReach(reach, l);
        }

        var boxes = new Box[total];
        var counts = new int[sizes.Length];
        var grids = new PriorLevelGrid[sizes.Length];
        int i = 0;
        for (int l = 0; l < sizes.Length; l++)
        {
            int stride = strides[l];
            Box[] cell = baseAnchors[l];
            for (int y = 0; y < sizes[l].Height; y++)
            {
                float sy = (float)y * stride;
                for (int x = 0; x < sizes[l].Width; x++)
                {
                    float sx = (float)x * stride;
                    foreach (Box b in cell)
                    {
                        boxes[i++] = new Box(b.X1 + sx, b.Y1 + sy, b.X2 + sx, b.Y2 + sy);
                    }
                }
            }

            grids[l] = new PriorLevelGrid(sizes[l].Height, sizes[l].Width, stride, stride, anchorsPerLocation);
            counts[l] = (int)grids[l].Count;
        }

        return new PriorSet(boxes, counts, anchorsPerLocation, grids, arePoints: false);
    }
}
