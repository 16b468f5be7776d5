using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Atss;

/// <summary>
/// Zero-copy views of float buffers as boxes: a contiguous <c>[N, 4]</c> float32 tensor (for example a TorchSharp
/// tensor's CPU buffer, or a <see cref="ReadOnlyTensorSpan{T}"/>) is reinterpreted as <c>N</c> <see cref="Box"/> values.
/// </summary>
/// <remarks>O(1): no copy, no allocation; the view is valid as long as the buffer is.</remarks>
public static class BoxMemory
{
    /// <summary>Views <c>4N</c> floats laid out <c>x1, y1, x2, y2, ...</c> as <c>N</c> boxes.</summary>
    /// <param name="coordinates">The floats.</param>
    /// <returns>The boxes, sharing the memory.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static ReadOnlySpan<Box> AsBoxes(ReadOnlySpan<float> coordinates)
    {
        if (coordinates.Length % 4 != 0)
        {
            ThrowHelper.ThrowArgument(nameof(coordinates), $"has length {coordinates.Length}; expected a multiple of 4 (x1, y1, x2, y2 per box).");
        }

        return MemoryMarshal.Cast<float, Box>(coordinates);
    }

    /// <summary>Views a dense <c>[N, 4]</c> float32 tensor span as <c>N</c> boxes.</summary>
    /// <param name="boxes">A rank-2, dense (row-major, contiguous) tensor span with 4 columns.</param>
    /// <returns>The boxes, sharing the memory.</returns>
    /// <exception cref="ArgumentException">The tensor is not rank 2, does not have 4 columns, or is not dense.</exception>
    public static ReadOnlySpan<Box> AsBoxes(in ReadOnlyTensorSpan<float> boxes)
    {
        if (boxes.Rank != 2 || boxes.Lengths[1] != 4)
        {
            ThrowHelper.ThrowArgument(nameof(boxes), $"has shape [{string.Join(", ", boxes.Lengths.ToArray())}]; expected [N, 4].");
        }

        if (!boxes.IsDense)
        {
            ThrowHelper.ThrowArgument(nameof(boxes), $"has strides [{string.Join(", ", boxes.Strides.ToArray())}]; expected a dense row-major tensor (strides [4, 1]).");
        }

        int n = checked((int)boxes.Lengths[0]);
        ref float first = ref Unsafe.AsRef(in TensorMarshal.GetReference(boxes));
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<float, Box>(ref first), n);
    }

    /// <summary>Views a dense <c>[N]</c> int32 tensor span (class labels) as a span.</summary>
    /// <param name="labels">A rank-1 dense tensor span.</param>
    /// <returns>The labels, sharing the memory.</returns>
    /// <exception cref="ArgumentException">The tensor is not rank 1 or not dense.</exception>
    public static ReadOnlySpan<int> AsLabels(in ReadOnlyTensorSpan<int> labels)
    {
        if (labels.Rank != 1)
        {
            ThrowHelper.ThrowArgument(nameof(labels), $"has shape [{string.Join(", ", labels.Lengths.ToArray())}]; expected [N].");
        }

        if (!labels.IsDense)
        {
            ThrowHelper.ThrowArgument(nameof(labels), $"has strides [{string.Join(", ", labels.Strides.ToArray())}]; expected a dense tensor (stride 1).");
        }

        int n = checked((int)labels.Lengths[0]);
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in TensorMarshal.GetReference(labels)), n);
    }
}
