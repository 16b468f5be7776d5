namespace Atss;

/// <summary>
/// Finds each box's candidates: per level, the <c>k_l</c> priors whose centres are nearest the box centre, ranked
/// by (float32 distance, prior index). Ignored priors rank with distance <see cref="IgnoredDistance"/>.
/// </summary>
internal static class CandidateSearch
{
    /// <summary>The distance MMDetection gives ignored priors (its <c>INF</c>), so they are chosen last.</summary>
    public const float IgnoredDistance = 1e8f;

    /// <summary>Total candidates per box: <c>sum_l min(k, n_l)</c>, where k may be huge (clamped, no overflow).</summary>
    public static int CandidatesPerBox(PriorSet priors, long k, out int maxK)
    {
        int total = 0;
        maxK = 0;
        foreach (int n in priors.LevelCounts)
        {
            int kl = (int)Math.Min(k, n);
            total += kl;
            maxK = Math.Max(maxK, kl);
        }

        return total;
    }

    /// <summary>
    /// Writes the candidates of the box centred at (<paramref name="gx"/>, <paramref name="gy"/>) to
    /// <paramref name="destination"/>, level by level, each level in increasing (distance, index) order.
    /// General path: one SIMD distance pass and one selection pass per level, O(N + C log k) per box.
    /// </summary>
    public static void Find(PriorSet priors, float gx, float gy, long k, ReadOnlySpan<int> ignoredSorted, AssignmentWorkspace ws, Span<int> destination)
    {
        float[] cx = priors.CenterX;
        float[] cy = priors.CenterY;
        Span<float> dist = ws.LevelDistances;
        int written = 0;
        int ignoredCursor = 0;
        for (int l = 0; l < priors.LevelCount; l++)
        {
            int start = priors.StartOf(l);
            int n = priors.LevelCounts[l];
            int kl = (int)Math.Min(k, n);
            if (kl == 0)
            {
                continue;
            }

            Span<float> levelDist = dist[..n];
            Kernels.CenterDistance(cx.AsSpan(start, n), cy.AsSpan(start, n), gx, gy, levelDist);
            while (ignoredCursor < ignoredSorted.Length && ignoredSorted[ignoredCursor] < start + n)
            {
                levelDist[ignoredSorted[ignoredCursor] - start] = IgnoredDistance;
                ignoredCursor++;
            }

            Span<int> levelCandidates = destination.Slice(written, kl);
            Kernels.SelectNearest(levelDist, ws.HeapDistances, ws.HeapIndices, levelCandidates);
            for (int i = 0; i < kl; i++)
            {
                levelCandidates[i] += start;
            }

            written += kl;
        }
    }
}
