namespace Atss.Tests.Assignment;

/// <summary>
/// Slow, literal ports of the reference algorithms (fixture README sections 5.3-5.5) that build the full priors x boxes
/// matrices the library avoids. The streaming assigners must agree with them exactly.
/// </summary>
public static class StrategyOracles
{
    private const float Inf = 100000000f;

    /// <summary>MMDetection <c>MaxIoUAssigner.assign_wrt_overlaps</c> (and the maskrcnn-benchmark Matcher), in the library's encoding.</summary>
    public static int[] MaxIou(PriorSet priors, Box[] gts, Box[] ignore, MaxIouOptions o)
    {
        int n = priors.Count;
        int g = gts.Length;
        var result = new int[n];
        Array.Fill(result, AssignmentResult.Negative);
        if (g == 0 || n == 0)
        {
            return result;
        }

        var overlaps = new float[g, n];
        for (int j = 0; j < g; j++)
        {
            for (int i = 0; i < n; i++)
            {
                overlaps[j, i] = Overlaps.Iou(priors.Boxes[i], gts[j], o.BoxConvention);
            }
        }

        if (o.IgnoreIofThreshold is float t && ignore.Length > 0)
        {
            for (int i = 0; i < n; i++)
            {
                float m = ignore.Max(r => o.IgnoreIofRelativeToPrior ? Overlaps.Iof(priors.Boxes[i], r) : Overlaps.Iof(r, priors.Boxes[i]));
                if (m > t)
                {
                    for (int j = 0; j < g; j++)
                    {
                        overlaps[j, i] = -1f;
                    }
                }
            }
        }

        // MMDetection encoding: -1 ignore, 0 negative, j + 1 positive.
        var inds = new int[n];
        var maxOv = new float[n];
        var argMax = new int[n];
        for (int i = 0; i < n; i++)
        {
            inds[i] = -1;
            maxOv[i] = overlaps[0, i];
            for (int j = 1; j < g; j++)
            {
                if (overlaps[j, i] > maxOv[i])
                {
                    maxOv[i] = overlaps[j, i];
                    argMax[i] = j;
                }
            }
        }

        var gtMax = new float[g];
        var gtArg = new int[g];
        for (int j = 0; j < g; j++)
        {
            gtMax[j] = overlaps[j, 0];
            for (int i = 1; i < n; i++)
            {
                if (overlaps[j, i] > gtMax[j])
                {
                    gtMax[j] = overlaps[j, i];
                    gtArg[j] = i;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            if (maxOv[i] >= o.NegativeIouLowerBound && maxOv[i] < o.NegativeIouThreshold)
            {
                inds[i] = 0;
            }

            if (maxOv[i] >= o.PositiveIouThreshold)
            {
                inds[i] = argMax[i] + 1;
            }
        }

        var before = (int[])inds.Clone();
        for (int j = 0; j < g; j++)
        {
            if (o.LowQualityMatching == LowQualityMatching.None || !(gtMax[j] >= o.MinPositiveIou))
            {
                continue;
            }

            if (o.LowQualityMatching == LowQualityMatching.FirstPriorAtBoxBest)
            {
                inds[gtArg[j]] = j + 1;
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                if (overlaps[j, i] == gtMax[j])
                {
                    inds[i] = o.LowQualityMatching == LowQualityMatching.RestoreBestBoxOfPrior ? argMax[i] + 1 : j + 1;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            result[i] = inds[i] > 0 ? inds[i] - 1 : inds[i] == 0 ? AssignmentResult.Negative : AssignmentResult.Ignored;
            if (result[i] >= 0 && o.PositiveCenterMargin is float margin)
            {
                Box b = gts[result[i]];
                float cx = priors.Boxes[i].CenterX;
                float cy = priors.Boxes[i].CenterY;
                float min = new[] { cx - b.X1, cy - b.Y1, b.X2 - cx, b.Y2 - cy }.Min();
                if (!(min > margin))
                {
                    result[i] = AssignmentResult.Ignored;
                }
            }
        }

        return result;
    }

    /// <summary>MMDetection <c>FCOSHead._get_targets_single</c> / the paper's SSC, with the 1e8 area sentinel.</summary>
    public static int[] Fcos(PriorSet priors, Box[] gts, FcosOptions o)
    {
        int n = priors.Count;
        var result = new int[n];
        Array.Fill(result, AssignmentResult.Negative);
        for (int i = 0; i < n; i++)
        {
            int level = priors.LevelOf(i);
            SizeRange range = o.RegressRanges[level];
            float x = priors.Boxes[i].CenterX;
            float y = priors.Boxes[i].CenterY;
            var areas = new float[gts.Length];
            for (int j = 0; j < gts.Length; j++)
            {
                Box b = gts[j];
                areas[j] = o.BoxConvention == BoxConvention.Continuous ? (b.X2 - b.X1) * (b.Y2 - b.Y1) : ((b.X2 - b.X1) + 1f) * ((b.Y2 - b.Y1) + 1f);
                float[] ltrb = [x - b.X1, y - b.Y1, b.X2 - x, b.Y2 - y];
                float[] inner = ltrb;
                if (o.CenterSampling)
                {
                    PriorLevelGrid grid = priors.GetGrid(level)!.Value;
                    float sx = (float)(grid.StrideX * o.CenterSampleRadius);
                    float sy = (float)(grid.StrideY * o.CenterSampleRadius);
                    float cx = (b.X1 + b.X2) / 2f;
                    float cy = (b.Y1 + b.Y2) / 2f;
                    float x1 = cx - sx > b.X1 ? cx - sx : b.X1;
                    float y1 = cy - sy > b.Y1 ? cy - sy : b.Y1;
                    float x2 = cx + sx > b.X2 ? b.X2 : cx + sx;
                    float y2 = cy + sy > b.Y2 ? b.Y2 : cy + sy;
                    inner = [x - x1, y - y1, x2 - x, y2 - y];
                }

                float maxDist = ltrb.Max();
                if (!(inner.Min() > o.CenterMargin) || !(maxDist >= range.Min && maxDist <= range.Max))
                {
                    areas[j] = Inf;
                }
            }

            if (gts.Length == 0)
            {
                continue;
            }

            int arg = 0;
            for (int j = 1; j < gts.Length; j++)
            {
                if (areas[j] < areas[arg])
                {
                    arg = j;
                }
            }

            if (areas[arg] != Inf)
            {
                result[i] = arg;
            }
        }

        return result;
    }

    /// <summary>The paper's TOPK: full distance matrix, global dmax, a full sort per box (score descending, index ascending).</summary>
    public static int[] TopK(PriorSet priors, Box[] gts, int k, BoxConvention convention, float margin)
    {
        int n = priors.Count;
        var result = new int[n];
        Array.Fill(result, AssignmentResult.Negative);
        if (gts.Length == 0 || n == 0)
        {
            return result;
        }

        var dist = new float[n, gts.Length];
        float dmax = 0f;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < gts.Length; j++)
            {
                float dx = priors.Boxes[i].CenterX - gts[j].CenterX;
                float dy = priors.Boxes[i].CenterY - gts[j].CenterY;
                dist[i, j] = MathF.Sqrt((dx * dx) + (dy * dy));
                dmax = MathF.Max(dmax, dist[i, j]);
            }
        }

        var masked = new float[n, gts.Length];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < gts.Length; j++)
            {
                masked[i, j] = -Inf;
            }
        }

        for (int j = 0; j < gts.Length; j++)
        {
            int jj = j;
            int[] order = [.. Enumerable.Range(0, n)
                .OrderByDescending(i => Overlaps.Iou(priors.Boxes[i], gts[jj], convention) - (dmax > 0 ? (dist[i, jj] / dmax) / 1000f : 0f))
                .ThenBy(i => i)
                .Take(k)];
            foreach (int i in order)
            {
                Box b = gts[j];
                float cx = priors.Boxes[i].CenterX;
                float cy = priors.Boxes[i].CenterY;
                if (new[] { cx - b.X1, cy - b.Y1, b.X2 - cx, b.Y2 - cy }.Min() > margin)
                {
                    masked[i, j] = Overlaps.Iou(priors.Boxes[i], b, convention);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            int arg = 0;
            for (int j = 1; j < gts.Length; j++)
            {
                if (masked[i, j] > masked[i, arg])
                {
                    arg = j;
                }
            }

            if (masked[i, arg] != -Inf)
            {
                result[i] = arg;
            }
        }

        return result;
    }
}
