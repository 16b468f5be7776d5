namespace Atss.Tests.Oracle;

/// <summary>
/// A slow, literal ATSS written from the fixture README (sections 5.1 and 5.2) with none of the library's machinery:
/// a full distance array per box and level sorted by (distance, prior index), one IoU per candidate, mean and
/// unbiased std in double (in the library's documented order: 16 slot-wise accumulators over per-level chunks, then a tree), <c>IoU &gt;= threshold</c>, the centre margin, then the MMDetection resolution through a
/// dense boxes x priors table (argmax over the boxes that claimed a prior, lower box index on ties). Ignore regions
/// (IoF &gt; threshold) set the distance to 1e8 and mark the prior ignored unless it becomes positive.
/// It also follows the library's two MMYOLO switches (<c>&gt;</c> and argmax over all boxes) literally.
/// </summary>
public static class ReferenceAtss
{
    private const float IgnoredDistance = 1e8f;

    public static AssignmentResult Assign(PriorSet priors, Box[] gts, int[] labels, Box[] ignoreBoxes, AtssOptions options)
        => Assign(priors, gts, labels, ignoreBoxes, options, out _);

    /// <summary>As the other overload; <paramref name="contestedPriors"/> counts priors positive for two or more boxes.</summary>
    public static AssignmentResult Assign(PriorSet priors, Box[] gts, int[] labels, Box[] ignoreBoxes, AtssOptions options, out int contestedPriors)
    {
        contestedPriors = 0;
        Box[] p = priors.Boxes.ToArray();
        int n = p.Length;
        int g = gts.Length;
        var assigned = new int[n];
        var outLabels = new int[n];
        var ious = new float[n];
        var stats = new GtStatistics[g];
        Array.Fill(assigned, AssignmentResult.Negative);
        Array.Fill(outLabels, AssignmentResult.NoLabel);
        if (g == 0)
        {
            // No boxes: everything negative, ignore regions included (MMDetection returns before it looks at them).
            return new AssignmentResult(assigned, outLabels, ious, [], stats);
        }

        if (n == 0)
        {
            Array.Fill(stats, new GtStatistics(0, 0, 0, double.PositiveInfinity, 0));
            return new AssignmentResult(assigned, outLabels, ious, [], stats);
        }

        var ignored = new bool[n];
        if (options.IgnoreIofThreshold is float iofThreshold && ignoreBoxes.Length > 0)
        {
            for (int i = 0; i < n; i++)
            {
                float max = float.NegativeInfinity;
                foreach (Box region in ignoreBoxes)
                {
                    max = Math.Max(max, Iof(p[i], region));
                }

                if (max > iofThreshold)
                {
                    ignored[i] = true;
                    assigned[i] = AssignmentResult.Ignored;
                }
            }
        }

        long k = options.TopK * (long)(options.ScaleTopKByAnchorsPerLocation ? priors.AnchorsPerLocation : 1);
        var claimed = new bool[g, n];
        var claimIou = new float[g, n];
        for (int j = 0; j < g; j++)
        {
            Box gt = gts[j];
            float gcx = (gt.X1 + gt.X2) / 2f;
            float gcy = (gt.Y1 + gt.Y2) / 2f;

            var candidates = new List<int>();
            int start = 0;
            for (int l = 0; l < priors.LevelCount; l++)
            {
                int count = priors.LevelCounts[l];
                var dist = new float[count];
                for (int i = 0; i < count; i++)
                {
                    Box b = p[start + i];
                    float dx = ((b.X1 + b.X2) / 2f) - gcx;
                    float dy = ((b.Y1 + b.Y2) / 2f) - gcy;
                    dist[i] = ignored[start + i] ? IgnoredDistance : MathF.Sqrt((dx * dx) + (dy * dy));
                }

                // Sort by (distance, index): distances are >= 0, so their bit patterns order like the values, and one
                // 64-bit key (bits, index) sorts both at once, fast enough to run the oracle on every fixture.
                var order = new long[count];
                for (int i = 0; i < count; i++)
                {
                    order[i] = ((long)BitConverter.SingleToInt32Bits(dist[i]) << 32) | (uint)i;
                }

                Array.Sort(order);
                long take = Math.Min(k, count);
                for (int i = 0; i < take; i++)
                {
                    candidates.Add(start + (int)(order[i] & 0xFFFFFFFF));
                }

                start += count;
            }

            // The library's summation order is ascending prior index (the candidate set is what the references define).
            candidates.Sort();
            var candidateIou = new float[candidates.Count];
            for (int c = 0; c < candidates.Count; c++)
            {
                candidateIou[c] = Iou(p[candidates[c]], gt, options.BoxConvention);
            }

            int m = candidates.Count;
            double mean = ChunkedSum(candidates, [.. candidateIou.Select(v => (double)v)], priors.LevelCounts) / m;
            double std;
            double threshold;
            if (m < 2)
            {
                // The unbiased std of one value is NaN in the references, so nothing passes.
                std = 0;
                threshold = double.PositiveInfinity;
            }
            else
            {
                double squares = ChunkedSum(candidates, [.. candidateIou.Select(v => (v - mean) * (v - mean))], priors.LevelCounts);
                std = Math.Sqrt(squares / (m - 1));
                threshold = mean + std;
            }

            stats[j] = new GtStatistics(m, mean, std, threshold, 0);
            for (int c = 0; c < m; c++)
            {
                int prior = candidates[c];
                bool passes = options.ThresholdComparison == ThresholdComparison.Greater ? candidateIou[c] > threshold : candidateIou[c] >= threshold;
                Box b = p[prior];
                float cx = (b.X1 + b.X2) / 2f;
                float cy = (b.Y1 + b.Y2) / 2f;
                float inside = Math.Min(Math.Min(cx - gt.X1, cy - gt.Y1), Math.Min(gt.X2 - cx, gt.Y2 - cy));
                if (passes && inside > options.CenterMargin)
                {
                    claimed[j, prior] = true;
                    claimIou[j, prior] = candidateIou[c];
                }
            }
        }

        var positives = new List<int>();
        var perGt = new int[g];
        for (int i = 0; i < n; i++)
        {
            int best = -1;
            int claims = 0;
            for (int j = 0; j < g; j++)
            {
                if (claimed[j, i])
                {
                    claims++;
                    if (best < 0 || claimIou[j, i] > claimIou[best, i])
                    {
                        best = j;
                    }
                }
            }

            if (best < 0)
            {
                continue;
            }

            contestedPriors += claims >= 2 ? 1 : 0;

            float bestIou = claimIou[best, i];
            if (claims >= 2 && options.SharedPriorResolution == SharedPriorResolution.HighestIouAmongAllBoxes)
            {
                best = 0;
                bestIou = Iou(p[i], gts[0], options.BoxConvention);
                for (int j = 1; j < g; j++)
                {
                    float v = Iou(p[i], gts[j], options.BoxConvention);
                    if (v > bestIou)
                    {
                        best = j;
                        bestIou = v;
                    }
                }
            }

            assigned[i] = best;
            outLabels[i] = labels[best];
            ious[i] = bestIou;
            perGt[best]++;
            positives.Add(i);
        }

        for (int j = 0; j < g; j++)
        {
            stats[j] = stats[j] with { PositiveCount = perGt[j] };
        }

        return new AssignmentResult(assigned, outLabels, ious, [.. positives], stats);
    }

    /// <summary>README 5.1 (continuous) and 5.2 (legacy +1, no epsilon) IoU, float32, in the order written there.</summary>
    public static float Iou(Box a, Box b, BoxConvention convention)
    {
        if (convention == BoxConvention.Continuous)
        {
            float areaA = (a.X2 - a.X1) * (a.Y2 - a.Y1);
            float areaB = (b.X2 - b.X1) * (b.Y2 - b.Y1);
            float w = Math.Max(Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1), 0f);
            float h = Math.Max(Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1), 0f);
            float overlap = w * h;
            return overlap / Math.Max((areaA + areaB) - overlap, 1e-6f);
        }

        float legacyA = ((a.X2 - a.X1) + 1f) * ((a.Y2 - a.Y1) + 1f);
        float legacyB = ((b.X2 - b.X1) + 1f) * ((b.Y2 - b.Y1) + 1f);
        float lw = Math.Max((Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1)) + 1f, 0f);
        float lh = Math.Max((Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1)) + 1f, 0f);
        float legacyOverlap = lw * lh;
        return legacyOverlap / ((legacyA + legacyB) - legacyOverlap);
    }

    /// <summary>MMDetection's <c>iof</c>: overlap over the prior's area, clamped below by 1e-6.</summary>
    public static float Iof(Box prior, Box region)
    {
        float w = Math.Max(Math.Min(prior.X2, region.X2) - Math.Max(prior.X1, region.X1), 0f);
        float h = Math.Max(Math.Min(prior.Y2, region.Y2) - Math.Max(prior.Y1, region.Y1), 0f);
        return (w * h) / Math.Max((prior.X2 - prior.X1) * (prior.Y2 - prior.Y1), 1e-6f);
    }

    /// <summary>
    /// The library's documented float64 order: each level's terms (candidates in ascending prior index) fill chunks of
    /// 16 slots; slot j of every chunk (0 if empty) is added, chunk by chunk and level by level, to accumulator A[j]; then
    /// A[j] += A[j + w] for w = 8, 4, 2, 1 and the result is A[0].
    /// </summary>
    private static double ChunkedSum(List<int> sortedCandidates, double[] terms, ReadOnlySpan<int> levelCounts)
    {
        var a = new double[16];
        int c = 0;
        int levelEnd = 0;
        foreach (int count in levelCounts)
        {
            levelEnd += count;
            var level = new List<double>();
            while (c < sortedCandidates.Count && sortedCandidates[c] < levelEnd)
            {
                level.Add(terms[c++]);
            }

            for (int chunkStart = 0; chunkStart < level.Count; chunkStart += 16)
            {
                for (int j = 0; j < 16; j++)
                {
                    a[j] += chunkStart + j < level.Count ? level[chunkStart + j] : 0;
                }
            }
        }

        for (int w = 8; w >= 1; w /= 2)
        {
            for (int j = 0; j < w; j++)
            {
                a[j] += a[j + w];
            }
        }

        return a[0];
    }
}
