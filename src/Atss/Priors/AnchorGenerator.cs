namespace Atss;

/// <summary>
/// Anchor boxes in MMDetection's convention (<c>AnchorGenerator.grid_priors</c>), bit-exact in float32:
/// base anchors centred at <c>center_offset * base_size</c>, shifted by <c>(x * stride, y * stride)</c>.
/// </summary>
/// <remarks>
/// Base anchor <c>(r, s)</c>: <c>w = (base * (1 / sqrt(ratio))) * scale</c>, <c>h = (base * sqrt(ratio)) * scale</c>
/// (scale-major order: ratios outer), box <c>[c - w/2, c - h/2, c + w/2, c + h/2]</c>. Generation is O(N).
/// </remarks>
public sealed class AnchorGenerator : IPriorGenerator
{
    private readonly int[] _strides;
    private readonly Box[][] _baseAnchors;

    /// <summary>Creates a generator from explicit scales.</summary>
    /// <param name="strides">Stride of each level in pixels.</param>
    /// <param name="ratios">Aspect ratios h / w.</param>
    /// <param name="scales">Anchor scales relative to the base size.</param>
    /// <param name="baseSizes">Base size per level; empty means the level's stride.</param>
    /// <param name="centerOffset">Anchor centre offset in units of the base size: 0 (MMDetection ATSS, RetinaNet) or 0.5.</param>
    /// <param name="scaleMajor">Order of base anchors within a location: ratios outer, scales inner when true.</param>
    /// <exception cref="ArgumentException">A list is empty, a stride is not positive, a ratio or scale is not finite and positive,
    /// <paramref name="baseSizes"/> has a different length than <paramref name="strides"/>, the ratios and scales give a non-finite
    /// or out-of-range (beyond 1e18) base anchor, or there would be more than 4096 anchors per location.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="centerOffset"/> is not in [0, 1].</exception>
    public AnchorGenerator(ReadOnlySpan<int> strides, ReadOnlySpan<double> ratios, ReadOnlySpan<double> scales, ReadOnlySpan<int> baseSizes = default, double centerOffset = 0, bool scaleMajor = true)
    {
        Validation.ValidatePositiveStrides(strides, nameof(strides));
        Validation.ValidatePositiveFinite(ratios, nameof(ratios));
        Validation.ValidatePositiveFinite(scales, nameof(scales));
        if (!baseSizes.IsEmpty)
        {
            if (baseSizes.Length != strides.Length)
            {
                ThrowHelper.ThrowArgument(nameof(baseSizes), $"has {baseSizes.Length} entries; expected one per stride ({strides.Length}) or none.");
            }

            Validation.ValidatePositiveStrides(baseSizes, nameof(baseSizes));
        }

        if (!(centerOffset >= 0 && centerOffset <= 1))
        {
            ThrowHelper.ThrowOutOfRange(nameof(centerOffset), centerOffset, "a value in [0, 1]");
        }

        if ((long)ratios.Length * scales.Length > Validation.MaxAnchorsPerLocation)
        {
            ThrowHelper.ThrowArgument(nameof(scales), $"has {scales.Length} scales, which with {ratios.Length} ratios exceeds {Validation.MaxAnchorsPerLocation} anchors per location.");
        }

        _strides = strides.ToArray();
        AnchorsPerLocation = ratios.Length * scales.Length;
        CenterOffset = centerOffset;
        var scales32 = new float[scales.Length];
        for (int s = 0; s < scales.Length; s++)
        {
            scales32[s] = (float)scales[s];
        }

        _baseAnchors = new Box[strides.Length][];
        for (int l = 0; l < strides.Length; l++)
        {
            int baseSize = baseSizes.IsEmpty ? strides[l] : baseSizes[l];
            _baseAnchors[l] = BaseAnchors(baseSize, ratios, scales32, centerOffset, scaleMajor);

            // Extreme ratios or scales overflow float32; say so here rather than at Generate.
            Validation.ValidateBaseAnchors(_baseAnchors[l], HasExtremeRatio(ratios) ? nameof(ratios) : nameof(scales));
        }
    }

    /// <summary>
    /// MMDetection's ATSS configuration: strides 8, 16, 32, 64, 128, ratio 1, octave base scale 8, one scale per
    /// octave (an anchor of 8 x stride), centre offset 0. One anchor per location.
    /// </summary>
    public static AnchorGenerator Atss { get; } = WithOctaveScales([8, 16, 32, 64, 128], [1.0], 8, 1);

    /// <summary>
    /// RetinaNet's nine anchors per location: ratios 0.5, 1, 2 and octave base scale 4 with three scales per
    /// octave, strides 8 to 128, centre offset 0.
    /// </summary>
    public static AnchorGenerator RetinaNet { get; } = WithOctaveScales([8, 16, 32, 64, 128], [0.5, 1.0, 2.0], 4, 3);

    /// <summary>Anchor centre offset in units of the base size.</summary>
    public double CenterOffset { get; }

    /// <inheritdoc />
    public ReadOnlySpan<int> Strides => _strides;

    /// <inheritdoc />
    public int AnchorsPerLocation { get; }

    /// <summary>
    /// Creates a generator whose scales are <c>octaveBaseScale * 2^(i / scalesPerOctave)</c>, i = 0..scalesPerOctave-1
    /// (computed in double, rounded to float32 once), as MMDetection's <c>octave_base_scale</c> option.
    /// </summary>
    /// <param name="strides">Stride of each level in pixels.</param>
    /// <param name="ratios">Aspect ratios h / w.</param>
    /// <param name="octaveBaseScale">Base scale of the octave.</param>
    /// <param name="scalesPerOctave">Number of scales per octave (at least 1).</param>
    /// <param name="baseSizes">Base size per level; empty means the level's stride.</param>
    /// <param name="centerOffset">Anchor centre offset in units of the base size.</param>
    /// <param name="scaleMajor">Order of base anchors within a location.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalesPerOctave"/> is less than 1 or <paramref name="octaveBaseScale"/> is not finite and positive.</exception>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static AnchorGenerator WithOctaveScales(ReadOnlySpan<int> strides, ReadOnlySpan<double> ratios, double octaveBaseScale, int scalesPerOctave, ReadOnlySpan<int> baseSizes = default, double centerOffset = 0, bool scaleMajor = true)
    {
        ThrowHelper.ThrowIfOutOfRange(scalesPerOctave, 1, Validation.MaxAnchorsPerLocation, nameof(scalesPerOctave));
        if (!double.IsFinite(octaveBaseScale) || octaveBaseScale <= 0)
        {
            ThrowHelper.ThrowOutOfRange(nameof(octaveBaseScale), octaveBaseScale, "a finite number > 0");
        }

        var scales = new double[scalesPerOctave];
        for (int i = 0; i < scalesPerOctave; i++)
        {
            scales[i] = Math.Pow(2.0, i / (double)scalesPerOctave) * octaveBaseScale;
        }

        return new AnchorGenerator(strides, ratios, scales, baseSizes, centerOffset, scaleMajor);
    }

    /// <summary>The A base anchors of one level, centred on the level's first location.</summary>
    /// <param name="level">Level index.</param>
    /// <returns>The base anchors.</returns>
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

    private static Box[] BaseAnchors(int baseSize, ReadOnlySpan<double> ratios, float[] scales32, double centerOffset, bool scaleMajor)
    {
        float w = baseSize;
        float center = (float)(centerOffset * baseSize);
        var anchors = new Box[ratios.Length * scales32.Length];
        int i = 0;
        if (scaleMajor)
        {
            foreach (double ratio in ratios)
            {
                float hr = MathF.Sqrt((float)ratio);
                float wr = 1f / hr;
                foreach (float scale in scales32)
                {
                    anchors[i++] = Centered(center, (w * wr) * scale, (w * hr) * scale);
                }
            }
        }
        else
        {
            foreach (float scale in scales32)
            {
                foreach (double ratio in ratios)
                {
                    float hr = MathF.Sqrt((float)ratio);
                    float wr = 1f / hr;
                    anchors[i++] = Centered(center, (w * scale) * wr, (w * scale) * hr);
                }
            }
        }

        return anchors;
    }

    // A ratio whose float32 square root is 0 or infinite cannot give a finite anchor, whatever the scales.
    private static bool HasExtremeRatio(ReadOnlySpan<double> ratios)
    {
        foreach (double ratio in ratios)
        {
            float hr = MathF.Sqrt((float)ratio);
            if (!(hr > 0f && float.IsFinite(1f / hr) && float.IsFinite(hr)))
            {
                return true;
            }
        }

        return false;
    }

    private static Box Centered(float center, float ws, float hs)
        => new(center - (0.5f * ws), center - (0.5f * hs), center + (0.5f * ws), center + (0.5f * hs));
}
