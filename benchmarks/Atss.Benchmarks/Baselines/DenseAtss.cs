namespace Atss.Benchmarks.Baselines;

/// <summary>
/// A straightforward dense ATSS, the shape of the Python references (MMDetection's <c>ATSSAssigner</c>): a full
/// priors x boxes IoU matrix and a full priors x boxes centre-distance matrix, per-level candidate selection by
/// sorting each box's distances, mean + std thresholds, and an arg-max over boxes per prior. It is the benchmarks'
/// baseline and an independent cross-check of the library (MMDetection convention: continuous IoU, k per level,
/// <c>IoU &gt;= mean + std</c>, centre margin 0.01).
/// </summary>
/// <remarks>
/// Memory: two N x G float matrices (8 bytes per prior-box pair) allocated per call, as the references allocate
/// tensors per image; MMDetection's third matrix (<c>overlaps_inf</c>) reuses the distance matrix here.
/// <see cref="MaxPairs"/> caps the pairs so one call stays under ~2 GB. Time: O(N G) for the matrices plus
/// O(G sum_l n_l log n_l) for the sorts. To compare assignments bit for bit with the library, two details follow the
/// library's documented rules rather than torch's float32 arithmetic: ties in distance go to the lower prior index,
/// and mean/std are computed in float64 in the library's documented order.
/// </remarks>
internal static class DenseAtss
{
    /// <summary>Largest N x G this baseline accepts: 2e8 pairs = two 800 MB float matrices.</summary>
    public const long MaxPairs = 200_000_000;

    private const float CenterMargin = 0.01f;

    /// <summary>Assigns one image; returns the box index of every prior, or -1 (negative).</summary>
    public static int[] Assign(ReadOnlySpan<Box> priors, ReadOnlySpan<int> levelCounts, ReadOnlySpan<Box> gts, int topK)
    {
        int n = priors.Length;
        int g = gts.Length;
        var assigned = new int[n];
        Array.Fill(assigned, -1);
        if (n == 0 || g == 0)
        {
            return assigned;
        }

        if ((long)n * g > MaxPairs)
        {
            throw new ArgumentException($"has {g} boxes for {n} priors ({(long)n * g} pairs); the dense baseline stops at {MaxPairs} pairs (~2 GB).", nameof(gts));
        }

        // (N, G) row-major, as bbox_overlaps(priors, gts) and the centre cdist are laid out in the references.
        var overlaps = new float[n * g];
        var distances = new float[n * g];
        for (int p = 0; p < n; p++)
        {
            Box prior = priors[p];
            float pcx = (prior.X1 + prior.X2) / 2f;
            float pcy = (prior.Y1 + prior.Y2) / 2f;
            int row = p * g;
            for (int j = 0; j < g; j++)
            {
                Box gt = gts[j];
                overlaps[row + j] = Iou(prior, gt);
                float dx = pcx - ((gt.X1 + gt.X2) / 2f);
                float dy = pcy - ((gt.Y1 + gt.Y2) / 2f);
                distances[row + j] = MathF.Sqrt((dx * dx) + (dy * dy));
            }
        }

        // Candidates: per level, sort each box's column of distances and keep the first min(k, n_l).
        int perBox = 0;
        int maxLevel = 0;
        foreach (int count in levelCounts)
        {
            perBox += Math.Min(topK, count);
            maxLevel = Math.Max(maxLevel, count);
        }

        var candidates = new int[g * perBox];
        var levelK = new int[levelCounts.Length];
        for (int l = 0; l < levelK.Length; l++)
        {
            levelK[l] = Math.Min(topK, levelCounts[l]);
        }

        var column = new DistanceKey[maxLevel];
        int levelStart = 0;
        int offset = 0;
        foreach (int count in levelCounts)
        {
            int k = Math.Min(topK, count);
            for (int j = 0; j < g; j++)
            {
                for (int i = 0; i < count; i++)
                {
                    int p = levelStart + i;
                    column[i] = new DistanceKey(distances[(p * g) + j], p);
                }

                Array.Sort(column, 0, count);
                for (int c = 0; c < k; c++)
                {
                    candidates[(j * perBox) + offset + c] = column[c].Prior;
                }
            }

            levelStart += count;
            offset += k;
        }

        // overlaps_inf: -inf everywhere except (prior, box) pairs that pass the threshold and the centre test.
        float[] overlapsInf = distances;
        Array.Fill(overlapsInf, float.NegativeInfinity);
        for (int j = 0; j < g; j++)
        {
            ReadOnlySpan<int> boxCandidates = candidates.AsSpan(j * perBox, perBox);
            double threshold = Threshold(overlaps, boxCandidates, levelK, g, j);
            Box gt = gts[j];
            foreach (int p in boxCandidates)
            {
                float iou = overlaps[(p * g) + j];
                Box prior = priors[p];
                float cx = (prior.X1 + prior.X2) / 2f;
                float cy = (prior.Y1 + prior.Y2) / 2f;
                float inside = MathF.Min(MathF.Min(cx - gt.X1, cy - gt.Y1), MathF.Min(gt.X2 - cx, gt.Y2 - cy));
                if (iou >= threshold && inside > CenterMargin)
                {
                    overlapsInf[(p * g) + j] = iou;
                }
            }
        }

        // max over boxes: the first maximum wins (lower box index on equal IoU).
        for (int p = 0; p < n; p++)
        {
            int row = p * g;
            float best = float.NegativeInfinity;
            int arg = -1;
            for (int j = 0; j < g; j++)
            {
                if (overlapsInf[row + j] > best)
                {
                    best = overlapsInf[row + j];
                    arg = j;
                }
            }

            assigned[p] = arg;
        }

        return assigned;
    }

    // Continuous IoU: union clamped below by 1e-6, everything in float32.
    private static float Iou(in Box a, in Box b)
    {
        float areaA = (a.X2 - a.X1) * (a.Y2 - a.Y1);
        float areaB = (b.X2 - b.X1) * (b.Y2 - b.Y1);
        float w = MathF.Max(MathF.Min(a.X2, b.X2) - MathF.Max(a.X1, b.X1), 0f);
        float h = MathF.Max(MathF.Min(a.Y2, b.Y2) - MathF.Max(a.Y1, b.Y1), 0f);
        float overlap = w * h;
        return overlap / MathF.Max((areaA + areaB) - overlap, 1e-6f);
    }

    // mean + unbiased std of the candidates' IoUs, summed in the library's documented order so that assignments compare
    // bit for bit: per level, candidates in ascending prior index fill 16-slot chunks; slot j of every chunk is added to
    // accumulator j; then a[j] += a[j + w] for w = 8, 4, 2, 1.
    private static double Threshold(float[] overlaps, ReadOnlySpan<int> candidates, ReadOnlySpan<int> levelK, int g, int j)
    {
        int[] ordered = candidates.ToArray();
        for (int l = 0, offset = 0; l < levelK.Length; offset += levelK[l], l++)
        {
            Array.Sort(ordered, offset, levelK[l]);
        }

        double mean = ChunkedSum(ordered, levelK, p => overlaps[(p * g) + j]) / ordered.Length;
        double squares = ChunkedSum(ordered, levelK, p => (overlaps[(p * g) + j] - mean) * (overlaps[(p * g) + j] - mean));
        return mean + Math.Sqrt(squares / (ordered.Length - 1));
    }

    private static double ChunkedSum(int[] ordered, ReadOnlySpan<int> levelK, Func<int, double> term)
    {
        Span<double> a = stackalloc double[16];
        a.Clear();
        for (int l = 0, offset = 0; l < levelK.Length; offset += levelK[l], l++)
        {
            for (int chunk = 0; chunk < levelK[l]; chunk += 16)
            {
                for (int j = 0; j < 16; j++)
                {
                    a[j] += chunk + j < levelK[l] ? term(ordered[offset + chunk + j]) : 0;
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

    private readonly record struct DistanceKey(float Distance, int Prior) : IComparable<DistanceKey>
    {
        public int CompareTo(DistanceKey other)
        {
            int byDistance = Distance.CompareTo(other.Distance);
            return byDistance != 0 ? byDistance : Prior.CompareTo(other.Prior);
        }
    }
}
