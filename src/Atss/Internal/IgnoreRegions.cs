namespace Atss;

/// <summary>Marks priors covered by ignore (crowd) regions, streaming over priors: O(N x I) time, O(1) extra memory.</summary>
internal static class IgnoreRegions
{
    /// <summary>
    /// Sets <paramref name="assignedGt"/> to <see cref="AssignmentResult.Ignored"/> for every prior whose largest IoF
    /// with an ignore box is <c>&gt; threshold</c> (float32 compare), and lists those priors, ascending, in
    /// <paramref name="ignored"/>. Returns how many were marked. With <paramref name="relativeToRegion"/> the IoF
    /// divides by the ignore box's area instead (MMDetection's <c>ignore_wrt_candidates=False</c>).
    /// </summary>
    public static int Mark(ReadOnlySpan<Box> priors, ReadOnlySpan<Box> ignoreBoxes, float threshold, Span<int> assignedGt, Span<int> ignored, bool relativeToRegion = false)
    {
        int count = 0;
        for (int p = 0; p < priors.Length; p++)
        {
            float max = 0f;
            foreach (Box region in ignoreBoxes)
            {
                max = MathF.Max(max, relativeToRegion ? Overlaps.Iof(region, priors[p]) : Overlaps.Iof(priors[p], region));
            }

            if (max > threshold)
            {
                assignedGt[p] = AssignmentResult.Ignored;
                ignored[count++] = p;
            }
        }

        return count;
    }
}
