using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Atss;

/// <summary>
/// The block path: one 4 x 4 kernel per single-anchor grid level, kept when its proof holds. With AVX-512 the whole kernel
/// is vectorised; with 256- or 128-bit vectors only, the distances are ranked in vectors and, on separable levels (the
/// priors share their column and row edges), the IoUs and depths are computed eight lanes (two block rows) at a time
/// with AVX2, four otherwise, else by
/// <see cref="Measure(PriorSet, ReadOnlySpan{int}, int, in Box, BoxConvention, Span{float}, Span{float})"/> (whole block
/// rows, runs of four, eight lanes at a time with AVX2; other candidates one by one).
/// </summary>
internal static partial class CandidateSearch
{
    /// <summary>
    /// The block path for the single-anchor grid levels of a set: per level, the 4 x 4 block of locations around
    /// the cell holding the centre (moved inside the grid at its edges) goes through one kernel that writes the level's
    /// chunk; then the block is kept only if no prior outside it can be as near as its k-th candidate. Block origins are
    /// computed first and the kernels run back to back, so the core overlaps their latencies.
    /// </summary>
    /// <returns>A bit per level whose block was not proven (those levels must be searched another way).</returns>
    internal static uint FindInBlocks(PriorSet priors, in Box gt, BoxConvention convention, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, Span<int> origins, Span<int> candidates, Span<float> candidateIous, Span<float> candidateDepths)
    {
        BlockLevel[] levels = priors.BlockLevels!;
        ReadOnlySpan<Box> boxes = priors.Boxes;
        bool legacy = convention == BoxConvention.LegacyPlusOne;
        float gx = gt.CenterX;
        float gy = gt.CenterY;
        for (int l = 0; l < levels.Length; l++)
        {
            ref readonly BlockLevel level = ref levels[l];
            if (!level.Fits)
            {
                continue;
            }

            // Float to int saturates, so a centre far outside the grid lands on an edge block (whose proof then fails).
            int x0 = Math.Clamp((int)(((gx - level.CellOriginX) * level.InverseStrideX) - 1f), 0, level.LastOriginX);
            int y0 = Math.Clamp((int)(((gy - level.CellOriginY) * level.InverseStrideY) - 1f), 0, level.LastOriginY);
            origins[2 * l] = x0;
            origins[(2 * l) + 1] = y0;
        }

        // The box's own kernel terms, once for all levels (AVX-512 separable kernel).
        SeparableBoxTerms boxTerms = Avx512F.IsSupported ? new SeparableBoxTerms(gt, legacy) : default;
        uint unproven = 0;
        for (int l = 0; l < levels.Length; l++)
        {
            ref readonly BlockLevel level = ref levels[l];
            if (!level.Fits)
            {
                unproven |= 1u << l;
                continue;
            }

            int x0 = origins[2 * l];
            int y0 = origins[(2 * l) + 1];
            int offset = levelOffset[l];
            int first = level.Start + (y0 * level.Width) + x0;
            Span<int> chunk = candidates.Slice(offset, Kernels.ChunkLength);
            Span<float> chunkIous = candidateIous.Slice(offset, Kernels.ChunkLength);
            Span<float> chunkDepths = candidateDepths.Slice(offset, Kernels.ChunkLength);
            float kth = (Avx512F.IsSupported, level.Edges) switch
            {
                // The block lies inside the level (clamped origins), k <= 16 and the chunks hold 16 slots (checked by the caller and the slices).
                (true, float[] edges) => Kernels.SelectSeparableBlock4x4V512(ref MemoryMarshal.GetArrayDataReference(edges), level.Width, level.Height, x0, y0, first, boxTerms, levelK[l], ref MemoryMarshal.GetReference(chunk), ref MemoryMarshal.GetReference(chunkIous), ref MemoryMarshal.GetReference(chunkDepths)),
                (true, null) => Kernels.SelectBlock4x4V512(boxes, first, level.Width, gt, legacy, levelK[l], chunk, chunkIous, chunkDepths),
                (false, float[] edges) => Avx2.IsSupported
                    ? Kernels.SelectSeparableBlock4x4V256(edges, level.Width, level.Height, x0, y0, first, gt, legacy, levelK[l], chunk, chunkIous, chunkDepths)
                    : Kernels.SelectSeparableBlock4x4V128(edges, level.Width, level.Height, x0, y0, first, gt, legacy, levelK[l], chunk, chunkIous, chunkDepths),
                (false, null) => RankBlockThenMeasure(priors, first, level.Width, gt, convention, levelK[l], chunk, chunkIous, chunkDepths),
            };
            if (!BlockProven(level, x0, y0, kth, gx, gy))
            {
                unproven |= 1u << l;
            }
        }

        return unproven;
    }

    // Without AVX-512: the 256- or 128-bit ranking of the block, then the k candidates' IoUs and depths (Measure), unused IoU slots 0.
    private static float RankBlockThenMeasure(PriorSet priors, int first, int rowStride, in Box gt, BoxConvention convention, int k, Span<int> chunk, Span<float> chunkIous, Span<float> chunkDepths)
    {
        float kth = Kernels.RankBlock4x4(priors.CenterX, priors.CenterY, first, rowStride, gt.CenterX, gt.CenterY, chunk[..k]);
        Measure(priors, chunk, k, gt, convention, chunkIous, chunkDepths);
        return kth;
    }

    // Whether no prior outside the block can be as near as the k-th candidate: first a quick bound (the nearest outside
    // column or row, each side alone, from the level's table), then the exact one (which also counts how far outside
    // the level the centre lies).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BlockProven(in BlockLevel level, int x0, int y0, float kth, double gx, double gy)
    {
        double reach = Reach(kth);
        ReadOnlySpan<double> outside = level.Outside;
        int columns = level.LastOriginX + 1;
        int rows = level.LastOriginY + 1;
        double left = gx - outside[x0];
        double right = outside[columns + x0] - gx;
        double top = gy - outside[(2 * columns) + y0];
        double bottom = outside[(2 * columns) + rows + y0] - gy;
        if ((reach < left) & (reach < right) & (reach < top) & (reach < bottom))
        {
            return true;
        }

        return reach * reach < OutsideLowerBoundSquared(level.Geometry!, x0, x0 + 3, y0, y0 + 3, gx, gy);
    }
}
