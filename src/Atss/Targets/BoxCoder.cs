using System.Globalization;

namespace Atss;

/// <summary>
/// Encodes a ground-truth box relative to a prior as four regression values, and decodes predicted values back into
/// boxes. All coders share this calling convention: rows of four floats, spans first, destination last.
/// </summary>
/// <remarks>
/// Every coder works row by row in float32 in the operation order of its reference, so encoded values match the
/// reference to the float32 rounding of <c>log</c> / <c>exp</c>. <c>decode(encode(gt)) ≈ gt</c> up to float32 rounding
/// (and any clamp the coder applies). Cost: O(N) time, no allocation.
/// </remarks>
public abstract class BoxCoder
{
    /// <summary>Values per encoded row (4).</summary>
    public const int Width = 4;

    private protected BoxCoder()
    {
    }

    /// <summary>
    /// Whether the coder scales by each prior's level stride, so that the overloads with <c>strides</c> must be used
    /// (FCOS's <c>norm_on_bbox</c>).
    /// </summary>
    public virtual bool UsesStrides => false;

    /// <summary>Encodes <c>gtBoxes[i]</c> relative to <c>priors[i]</c> into <c>destination[4i .. 4i + 3]</c>.</summary>
    /// <param name="priors">The priors (anchors, or points as zero-size boxes).</param>
    /// <param name="gtBoxes">One box per prior.</param>
    /// <param name="destination">At least <c>4 * priors.Length</c> floats.</param>
    /// <exception cref="ArgumentException">Lengths differ, <paramref name="destination"/> is too short, a box is invalid, or the coder needs strides (<see cref="UsesStrides"/>).</exception>
    public void Encode(ReadOnlySpan<Box> priors, ReadOnlySpan<Box> gtBoxes, Span<float> destination)
        => Encode(priors, gtBoxes, default, destination);

    /// <summary>Encodes <c>gtBoxes[i]</c> relative to <c>priors[i]</c>, with each prior's level stride.</summary>
    /// <param name="priors">The priors (anchors, or points as zero-size boxes).</param>
    /// <param name="gtBoxes">One box per prior.</param>
    /// <param name="strides">Each prior's level stride (<see cref="PriorSet.CopyStridesTo"/> writes them); required when <see cref="UsesStrides"/> is true, otherwise ignored (may be empty).</param>
    /// <param name="destination">At least <c>4 * priors.Length</c> floats.</param>
    /// <exception cref="ArgumentException">Lengths differ, <paramref name="destination"/> is too short, a box is invalid or cannot be encoded by this coder (zero size for log-ratio coders), or a stride is missing, not finite or not positive.</exception>
    public void Encode(ReadOnlySpan<Box> priors, ReadOnlySpan<Box> gtBoxes, ReadOnlySpan<float> strides, Span<float> destination)
    {
        if (gtBoxes.Length != priors.Length)
        {
            ThrowHelper.ThrowArgument(nameof(gtBoxes), $"has length {gtBoxes.Length}; expected one box per prior ({priors.Length}).");
        }

        ValidateStrides(strides, priors.Length);
        ThrowIfRowsTooShort(destination.Length, priors.Length, nameof(destination));
        Validation.ValidateBoxes(priors, nameof(priors));
        Validation.ValidateBoxes(gtBoxes, nameof(gtBoxes));
        for (int i = 0; i < priors.Length; i++)
        {
            ValidatePair(priors[i], gtBoxes[i], i);
        }

        bool useStrides = UsesStrides;
        for (int i = 0; i < priors.Length; i++)
        {
            EncodeCore(priors[i], gtBoxes[i], useStrides ? strides[i] : 1f, destination.Slice(i * Width, Width));
        }
    }

    /// <summary>Decodes <c>deltas[4i .. 4i + 3]</c> relative to <c>priors[i]</c> into <c>destination[i]</c>.</summary>
    /// <param name="priors">The priors.</param>
    /// <param name="deltas">Four values per prior.</param>
    /// <param name="destination">At least <c>priors.Length</c> boxes; as for the overload with strides, a decoded box can be
    /// inverted or, for huge values, infinite.</param>
    /// <exception cref="ArgumentException"><paramref name="deltas"/> does not hold four values per prior, <paramref name="destination"/> is too short, a value is NaN or infinite, a prior is invalid, or the coder needs strides.</exception>
    public void Decode(ReadOnlySpan<Box> priors, ReadOnlySpan<float> deltas, Span<Box> destination)
        => Decode(priors, deltas, default, destination);

    /// <summary>Decodes <c>deltas[4i .. 4i + 3]</c> relative to <c>priors[i]</c>, with each prior's level stride.</summary>
    /// <param name="priors">The priors.</param>
    /// <param name="deltas">Four values per prior.</param>
    /// <param name="strides">Each prior's level stride (<see cref="PriorSet.CopyStridesTo"/> writes them); required when <see cref="UsesStrides"/> is true, otherwise ignored (may be empty).</param>
    /// <param name="destination">At least <c>priors.Length</c> boxes. A decoded box can be inverted when the values say so,
    /// and can have infinite coordinates when finite but huge values overflow float32 (for example a diverging early
    /// prediction); check <see cref="Box.IsFinite"/> before using decoded boxes where that matters.</param>
    /// <exception cref="ArgumentException"><paramref name="deltas"/> does not hold four values per prior, <paramref name="destination"/> is too short, a value is NaN or infinite, a prior is invalid, or a stride is missing, not finite or not positive.</exception>
    public void Decode(ReadOnlySpan<Box> priors, ReadOnlySpan<float> deltas, ReadOnlySpan<float> strides, Span<Box> destination)
    {
        if (deltas.Length != priors.Length * (long)Width)
        {
            ThrowHelper.ThrowArgument(nameof(deltas), $"has length {deltas.Length}; expected {Width} values per prior ({priors.Length * (long)Width}).");
        }

        ValidateStrides(strides, priors.Length);
        ThrowHelper.ThrowIfTooShort(destination.Length, priors.Length, nameof(destination));
        Validation.ValidateBoxes(priors, nameof(priors));
        for (int i = 0; i < deltas.Length; i++)
        {
            if (!float.IsFinite(deltas[i]))
            {
                ThrowHelper.ThrowArgument(nameof(deltas), string.Create(CultureInfo.InvariantCulture, $"has {deltas[i]} at index {i}; values must be finite."));
            }
        }

        bool useStrides = UsesStrides;
        for (int i = 0; i < priors.Length; i++)
        {
            destination[i] = DecodeCore(priors[i], deltas.Slice(i * Width, Width), useStrides ? strides[i] : 1f);
        }
    }

    /// <summary>Encodes one validated row; <paramref name="stride"/> is 1 when the coder ignores strides.</summary>
    internal abstract void EncodeCore(in Box prior, in Box gt, float stride, Span<float> destination);

    /// <summary>Rejects a (prior, box) pair the coder cannot encode to finite values; called before anything is written.</summary>
    internal virtual void ValidatePair(in Box prior, in Box gt, int index)
    {
    }

    /// <summary>Decodes one validated row.</summary>
    internal abstract Box DecodeCore(in Box prior, ReadOnlySpan<float> delta, float stride);

    internal static void ThrowIfRowsTooShort(int length, int rows, string paramName)
    {
        if (length < rows * (long)Width)
        {
            ThrowHelper.ThrowArgument(paramName, $"has length {length}; it must hold {Width} values per prior ({rows * (long)Width}).");
        }
    }

    private void ValidateStrides(ReadOnlySpan<float> strides, int rows)
    {
        if (!UsesStrides)
        {
            return;
        }

        if (strides.Length != rows)
        {
            ThrowHelper.ThrowArgument(nameof(strides), $"has length {strides.Length}; expected one stride per prior ({rows}).");
        }

        for (int i = 0; i < strides.Length; i++)
        {
            if (!(float.IsFinite(strides[i]) && strides[i] > 0f))
            {
                ThrowHelper.ThrowArgument(nameof(strides), string.Create(CultureInfo.InvariantCulture, $"has {strides[i]} at index {i}; strides must be finite and > 0."));
            }
        }
    }
}
