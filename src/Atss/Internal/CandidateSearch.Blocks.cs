using System.Runtime.CompilerServices;

namespace Atss;

/// <summary>The block path: one 4 x 4 kernel per single-anchor grid level, kept when its proof holds.</summary>
internal static partial class CandidateSearch
{
    /// <summary>
    /// The block path for the single-anchor grid levels of a set: per level, the 4 x 4 block of locations around
    /// the cell holding the centre (moved inside the grid at its edges) goes through one kernel that writes the level's
    /// chunk; then the block is kept only if no prior outside it can be as near as its k-th candidate. Block origins are
    /// computed first and the kernels run back to back, so the core overlaps their latencies.
    /// </summary>
    /// <returns>A bit per level whose block was not proven (those levels must be searched another way).</returns>
    internal static uint FindInBlocks(BlockLevel[] levels, ReadOnlySpan<Box> boxes, in Box gt, bool legacy, ReadOnlySpan<int> levelK, ReadOnlySpan<int> levelOffset, Span<int> origins, Span<int> candidates, Span<float> candidateIous, Span<float> candidateDepths)
    {
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
            float kth = Kernels.SelectBlock4x4V512(boxes, level.Start + (y0 * level.Width) + x0, level.Width, gt, legacy, levelK[l], candidates.Slice(offset, Kernels.ChunkLength), candidateIous.Slice(offset, Kernels.ChunkLength), candidateDepths.Slice(offset, Kernels.ChunkLength));
            if (!BlockProven(level, x0, y0, kth, gx, gy))
            {
                unproven |= 1u << l;
            }
        }

        return unproven;
    }

    // Whether no prior outside the block can be as near as the k-th candidate: first a quick bound (the nearest outside
    // column or row, each side alone), then the exact one (which also counts how far outside the level the centre lies).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BlockProven(in BlockLevel level, int x0, int y0, float kth, double gx, double gy)
    {
        double reach = Reach(kth);
        double left = x0 > 0 ? gx - ((x0 * level.StrideX) + level.BeforeBlockX) : double.PositiveInfinity;
        double right = x0 < level.LastOriginX ? ((x0 * level.StrideX) + level.AfterBlockX) - gx : double.PositiveInfinity;
        double top = y0 > 0 ? gy - ((y0 * level.StrideY) + level.BeforeBlockY) : double.PositiveInfinity;
        double bottom = y0 < level.LastOriginY ? ((y0 * level.StrideY) + level.AfterBlockY) - gy : double.PositiveInfinity;
        if (reach < left && reach < right && reach < top && reach < bottom)
        {
            return true;
        }

        return reach * reach < OutsideLowerBoundSquared(level.Geometry!, x0, x0 + 3, y0, y0 + 3, gx, gy);
    }
}
