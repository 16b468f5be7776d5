namespace Atss;

/// <summary>
/// Anchor boxes in the legacy convention of the ATSS paper's code (maskrcnn-benchmark's <c>generate_anchors</c>),
/// bit-exact in float32. Cell anchors are computed in float64 with the "+1 pixel" size convention and rounded
/// to float32 once; the shift is one float32 add.
/// </summary>
/// <remarks>
/// Level sizes <c>S = octave^(i / spo) * size</c>; ratio enumeration <c>ws = round(sqrt(w*h / ratio))</c>,
/// <c>hs = round(ws * ratio)</c> (round half to even) on the cell <c>[0.5, 0.5, stride - 0.5, stride - 0.5]</c>;
/// then scale enumeration by <c>S / stride</c>. Generation is O(N).
/// </remarks>
public sealed class LegacyAnchorGenerator : IPriorGenerator
{
    private readonly int[] _strides;
    private readonly Box[][] _baseAnchors;

    /// <summary>Creates a generator.</summary>
    /// <param name="sizes">Anchor size of each level in pixels (for example 64, 128, 256, 512, 1024).</param>
    /// <param name="aspectRatios">Aspect ratios h / w.</param>
    /// <param name="strides">Stride of each level in pixels; same length as <paramref name="sizes"/>.</param>
    /// <param name="octave">Octave base (2.0).</param>
    /// <param name="scalesPerOctave">Scales per octave (1 for ATSS, 3 for RetinaNet).</param>
    /// <exception cref="ArgumentException">A list is empty or has a non-positive entry, the list lengths differ, a ratio gives a degenerate
    /// (inverted, non-finite or beyond 1e18) cell anchor, or there would be more than 4096 anchors per location.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="octave"/> is not finite and positive, or <paramref name="scalesPerOctave"/> is less than 1.</exception>
    public LegacyAnchorGenerator(ReadOnlySpan<double> sizes, ReadOnlySpan<double> aspectRatios, ReadOnlySpan<int> strides, double octave = 2.0, int scalesPerOctave = 1)
    {
        Validation.ValidatePositiveFinite(sizes, nameof(sizes));
        Validation.ValidatePositiveFinite(aspectRatios, nameof(aspectRatios));
        Validation.ValidatePositiveStrides(strides, nameof(strides));
        if (sizes.Length != strides.Length)
        {
            ThrowHelper.ThrowArgument(nameof(sizes), $"has {sizes.Length} entries; expected one per stride ({strides.Length}).");
        }

        if (!double.IsFinite(octave) || octave <= 0)
        {
            ThrowHelper.ThrowOutOfRange(nameof(octave), octave, "a finite number > 0");
        }

        ThrowHelper.ThrowIfOutOfRange(scalesPerOctave, 1, Validation.MaxAnchorsPerLocation, nameof(scalesPerOctave));
        if ((long)aspectRatios.Length * scalesPerOctave > Validation.MaxAnchorsPerLocation)
        {
            ThrowHelper.ThrowArgument(nameof(aspectRatios), $"has {aspectRatios.Length} ratios, which with {scalesPerOctave} scales per octave exceeds {Validation.MaxAnchorsPerLocation} anchors per location.");
        }

        _strides = strides.ToArray();
        AnchorsPerLocation = aspectRatios.Length * scalesPerOctave;
        _baseAnchors = new Box[strides.Length][];
        var scales = new double[scalesPerOctave];
        for (int l = 0; l < strides.Length; l++)
        {
            for (int i = 0; i < scalesPerOctave; i++)
            {
                scales[i] = Math.Pow(octave, i / (double)scalesPerOctave) * sizes[l] / strides[l];
            }

            _baseAnchors[l] = CellAnchors(strides[l], aspectRatios, scales);

            // An extreme ratio can round a side to zero pixels (an inverted legacy box) or overflow.
            Validation.ValidateBaseAnchors(_baseAnchors[l], nameof(aspectRatios));
        }
    }

    /// <summary>The paper's ATSS configuration: sizes 64..1024 (8 x stride), ratio 1, one scale, strides 8..128.</summary>
    public static LegacyAnchorGenerator Atss { get; } = new([64, 128, 256, 512, 1024], [1.0], [8, 16, 32, 64, 128]);

    /// <summary>The paper code's RetinaNet configuration: sizes 32..512, ratios 0.5, 1, 2, three scales per octave.</summary>
    public static LegacyAnchorGenerator RetinaNet { get; } = new([32, 64, 128, 256, 512], [0.5, 1.0, 2.0], [8, 16, 32, 64, 128], 2.0, 3);

    /// <inheritdoc />
    public ReadOnlySpan<int> Strides => _strides;

    /// <inheritdoc />
    public int AnchorsPerLocation { get; }

    /// <summary>The A cell anchors of one level, at the level's first location.</summary>
    /// <param name="level">Level index.</param>
    /// <returns>The cell anchors.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is out of range.</exception>
    public ReadOnlySpan<Box> BaseAnchors(int level)
    {
        ThrowHelper.ThrowIfOutOfRange(level, 0, _strides.Length - 1, nameof(level));
        return _baseAnchors[level];
    }

    /// <inheritdoc />
    public PriorSet Generate(int paddedHeight, int paddedWidth)
        => GridTiler.ForImage(paddedHeight, paddedWidth, _strides, sizes => Generate(sizes));

    /// <inheritdoc />
    public PriorSet Generate(ReadOnlySpan<FeatureMapSize> featureMapSizes)
        => GridTiler.TileAnchors(featureMapSizes, _strides, _baseAnchors, AnchorsPerLocation);

    private static Box[] CellAnchors(int stride, ReadOnlySpan<double> ratios, double[] scales)
    {
        var anchors = new Box[ratios.Length * scales.Length];
        (double w, double h, double xc, double yc) = WidthHeightCenter(0.5, 0.5, stride - 0.5, stride - 0.5);
        int i = 0;
        foreach (double ratio in ratios)
        {
            double ws = Math.Round(Math.Sqrt(w * h / ratio));
            double hs = Math.Round(ws * ratio);
            (double rw, double rh, double rxc, double ryc) = WidthHeightCenter(
                xc - (0.5 * (ws - 1)), yc - (0.5 * (hs - 1)), xc + (0.5 * (ws - 1)), yc + (0.5 * (hs - 1)));
            foreach (double scale in scales)
            {
                double sw = rw * scale;
                double sh = rh * scale;
                anchors[i++] = new Box(
                    (float)(rxc - (0.5 * (sw - 1))), (float)(ryc - (0.5 * (sh - 1))),
                    (float)(rxc + (0.5 * (sw - 1))), (float)(ryc + (0.5 * (sh - 1))));
            }
        }

        return anchors;
    }

    private static (double W, double H, double Xc, double Yc) WidthHeightCenter(double x1, double y1, double x2, double y2)
    {
        double w = x2 - x1 + 1;
        double h = y2 - y1 + 1;
        return (w, h, x1 + (0.5 * (w - 1)), y1 + (0.5 * (h - 1)));
    }
}
