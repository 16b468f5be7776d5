using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Atss;

internal static partial class Kernels
{
    /// <summary>
    /// Writes to <paramref name="destination"/> the indices of the <c>destination.Length</c> smallest entries of
    /// <paramref name="dist"/>, in increasing (distance, index) order: equal distances keep the lower index.
    /// O(n + k log k · hits); once the heap is full a whole vector is skipped when no lane beats the worst kept key.
    /// </summary>
    public static void SelectNearest(ReadOnlySpan<float> dist, Span<float> heapDist, Span<int> heapIndex, Span<int> destination)
    {
        int k = destination.Length;
        if (k == 0)
        {
            return;
        }

        var heap = new NearestHeap(heapDist[..k], heapIndex[..k]);
        int start = Math.Min(k, dist.Length);
        for (int i = 0; i < start; i++)
        {
            heap.Offer(dist[i], i);
        }

        if (Vector512.IsHardwareAccelerated && dist.Length - start >= Vector512<float>.Count)
        {
            start = SelectNearestV512(dist, start, ref heap);
        }
        else if (Vector256.IsHardwareAccelerated && dist.Length - start >= Vector256<float>.Count)
        {
            start = SelectNearestV256(dist, start, ref heap);
        }
        else if (Vector128.IsHardwareAccelerated && dist.Length - start >= Vector128<float>.Count)
        {
            start = SelectNearestV128(dist, start, ref heap);
        }

        // Scalar tail (and the whole scan on the scalar tier): Offer is not idempotent, so no back-shifted vector.
        for (int i = start; i < dist.Length; i++)
        {
            heap.Offer(dist[i], i);
        }

        heap.DrainSorted(destination);
    }

    /// <summary>Scalar reference for the selection: every element goes through the heap.</summary>
    public static void SelectNearestScalar(ReadOnlySpan<float> dist, Span<float> heapDist, Span<int> heapIndex, Span<int> destination)
    {
        int k = destination.Length;
        var heap = new NearestHeap(heapDist[..k], heapIndex[..k]);
        for (int i = 0; i < dist.Length; i++)
        {
            heap.Offer(dist[i], i);
        }

        heap.DrainSorted(destination);
    }

    // Each returns the first index it did not examine; the caller finishes the tail in scalar code.
    // Internal rather than private so the tests can run every width in-process.
    internal static int SelectNearestV128(ReadOnlySpan<float> dist, int start, ref NearestHeap heap)
    {
        ref float d = ref MemoryMarshal.GetReference(dist);
        int i = start;
        for (; i <= dist.Length - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            uint hits = Vector128.LessThan(Vector128.LoadUnsafe(ref d, (nuint)i), Vector128.Create(heap.WorstDistance)).ExtractMostSignificantBits();
            while (hits != 0)
            {
                int lane = BitOperations.TrailingZeroCount(hits);
                heap.Offer(dist[i + lane], i + lane);
                hits &= hits - 1;
            }
        }

        return i;
    }

    internal static int SelectNearestV256(ReadOnlySpan<float> dist, int start, ref NearestHeap heap)
    {
        ref float d = ref MemoryMarshal.GetReference(dist);
        int i = start;
        for (; i <= dist.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            uint hits = Vector256.LessThan(Vector256.LoadUnsafe(ref d, (nuint)i), Vector256.Create(heap.WorstDistance)).ExtractMostSignificantBits();
            while (hits != 0)
            {
                int lane = BitOperations.TrailingZeroCount(hits);
                heap.Offer(dist[i + lane], i + lane);
                hits &= hits - 1;
            }
        }

        return i;
    }

    internal static int SelectNearestV512(ReadOnlySpan<float> dist, int start, ref NearestHeap heap)
    {
        ref float d = ref MemoryMarshal.GetReference(dist);
        int i = start;
        for (; i <= dist.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            ulong hits = Vector512.LessThan(Vector512.LoadUnsafe(ref d, (nuint)i), Vector512.Create(heap.WorstDistance)).ExtractMostSignificantBits();
            while (hits != 0)
            {
                int lane = BitOperations.TrailingZeroCount(hits);
                heap.Offer(dist[i + lane], i + lane);
                hits &= hits - 1;
            }
        }

        return i;
    }
}
