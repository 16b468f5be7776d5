namespace Atss;

/// <summary>
/// Points in MMDetection's convention (<c>MlvlPointGenerator.grid_priors</c>): one point per location at
/// <c>((x + offset) * stride, (y + offset) * stride)</c>, exact in float32. Points are stored as zero-size boxes.
/// </summary>
/// <remarks>FCOS uses offset 0.5; YOLOv6 / MMYOLO too. Generation is O(N).</remarks>
public sealed class PointGenerator : IPriorGenerator
{
    private readonly int[] _strides;

    /// <summary>Creates a generator.</summary>
    /// <param name="strides">Stride of each level in pixels.</param>
    /// <param name="offset">Point offset within a cell, in units of the stride (0.5 centres the point).</param>
    /// <exception cref="ArgumentException"><paramref name="strides"/> is empty or has a non-positive entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is not in [0, 1].</exception>
    public PointGenerator(ReadOnlySpan<int> strides, double offset = 0.5)
    {
        Validation.ValidatePositiveStrides(strides, nameof(strides));
        if (!(offset >= 0 && offset <= 1))
        {
            ThrowHelper.ThrowOutOfRange(nameof(offset), offset, "a value in [0, 1]");
        }

        _strides = strides.ToArray();
        Offset = offset;
    }

    /// <summary>FCOS points: strides 8, 16, 32, 64, 128, offset 0.5.</summary>
    public static PointGenerator Fcos { get; } = new([8, 16, 32, 64, 128]);

    /// <summary>YOLOv6 points: strides 8, 16, 32, offset 0.5.</summary>
    public static PointGenerator Yolo { get; } = new([8, 16, 32]);

    /// <summary>Offset within a cell in units of the stride.</summary>
    public double Offset { get; }

    /// <inheritdoc />
    public ReadOnlySpan<int> Strides => _strides;

    /// <inheritdoc />
    public int AnchorsPerLocation => 1;

    /// <inheritdoc />
    public PriorSet Generate(int paddedHeight, int paddedWidth)
        => GridTiler.ForImage(paddedHeight, paddedWidth, _strides, sizes => Generate(sizes));

    /// <inheritdoc />
    public PriorSet Generate(ReadOnlySpan<FeatureMapSize> featureMapSizes)
    {
        int total = Validation.ValidateFeatureMaps(featureMapSizes, _strides.Length, 1, nameof(featureMapSizes));
        for (int l = 0; l < featureMapSizes.Length; l++)
        {
            Validation.ValidateReach((Math.Max(featureMapSizes[l].Height, featureMapSizes[l].Width) + 1) * (double)_strides[l], l);
        }

        var boxes = new Box[total];
        var counts = new int[featureMapSizes.Length];
        var grids = new PriorLevelGrid[featureMapSizes.Length];
        float offset = (float)Offset;
        int i = 0;
        for (int l = 0; l < featureMapSizes.Length; l++)
        {
            float stride = _strides[l];
            for (int y = 0; y < featureMapSizes[l].Height; y++)
            {
                float py = (y + offset) * stride;
                for (int x = 0; x < featureMapSizes[l].Width; x++)
                {
                    float px = (x + offset) * stride;
                    boxes[i++] = new Box(px, py, px, py);
                }
            }

            grids[l] = new PriorLevelGrid(featureMapSizes[l].Height, featureMapSizes[l].Width, _strides[l], _strides[l], 1);
            counts[l] = (int)grids[l].Count;
        }

        return new PriorSet(boxes, counts, 1, grids, arePoints: true);
    }
}
