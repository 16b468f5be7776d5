using System.Globalization;
using Atss.Tests.Oracle;
using Xunit.Abstractions;

namespace Atss.Tests.Assignment;

/// <summary>
/// <see cref="AtssAssigner"/> against the literal <see cref="ReferenceAtss"/> on seeded random scenes built to hit the
/// tie and boundary rules: generated and caller-supplied priors, tiny and empty levels, integer coordinates, duplicate
/// and zero-area boxes, boxes centred on and between grid points, ignore regions, both pixel conventions, TopK 1..50.
/// Assignments, labels, IoUs and per-box statistics must be exactly equal.
/// </summary>
public class AtssAssignerDifferentialTests(ITestOutputHelper output)
{
    private const int Batches = 32;
    private const int ScenesPerBatch = 200;

    private static readonly IPriorGenerator[] s_generators =
    [
        AnchorGenerator.Atss,
        AnchorGenerator.RetinaNet,
        new AnchorGenerator([4, 8], [0.5, 1.0, 2.0], [1.0, 2.0], centerOffset: 0.5),
        new AnchorGenerator([5, 12], [1.0], [3.0], scaleMajor: false),
        LegacyAnchorGenerator.Atss,
        LegacyAnchorGenerator.RetinaNet,
        PointGenerator.Fcos,
        PointGenerator.Yolo,
        new PointGenerator([4, 8, 16], offset: 0),
    ];

    public static TheoryData<int> BatchIds => [.. Enumerable.Range(0, Batches)];

    [Theory]
    [MemberData(nameof(BatchIds))]
    public void AssignTargets_RandomScenes_EqualsReference(int batch)
    {
        var workspace = new AssignmentWorkspace();
        for (int i = 0; i < ScenesPerBatch; i++)
        {
            int seed = (batch * ScenesPerBatch) + i;
            Scene scene = Scene.Create(seed);
            var assigner = new AtssAssigner(scene.Options);
            AssignmentResult expected = ReferenceAtss.Assign(scene.Priors, scene.Gts, scene.Labels, scene.Ignore, scene.Options);
            AssignmentResult actual = assigner.AssignTargets(scene.Priors, scene.Gts, scene.Labels, scene.Ignore);
            AssertSame(expected, actual, scene);

            // The span overload with one workspace reused across scenes of every size gives the same answer.
            int n = scene.Priors.Count;
            var gt = new int[n];
            var labels = new int[n];
            var ious = new float[n];
            var stats = new GtStatistics[scene.Gts.Length];
            int positives = assigner.AssignTargets(scene.Priors, scene.Gts, scene.Labels, scene.Ignore, workspace, gt, labels, ious, stats);
            AssertSame(expected, new AssignmentResult(gt, labels, ious, workspace.PositiveIndices.ToArray(), stats), scene);
            Assert.Equal(expected.PositiveCount, positives);
        }
    }

    /// <summary>The generator has to produce the situations the test claims to cover, or the test proves little.</summary>
    [Fact]
    public void RandomScenes_CoverTiesEmptyLevelsAndBothConventions()
    {
        int legacy = 0, ignored = 0, shared = 0, duplicateGts = 0, singleCandidate = 0, levelBelowK = 0, distanceTies = 0, positives = 0;
        for (int seed = 0; seed < 400; seed++)
        {
            Scene s = Scene.Create(seed);
            AssignmentResult r = ReferenceAtss.Assign(s.Priors, s.Gts, s.Labels, s.Ignore, s.Options, out int contested);
            legacy += s.Options.BoxConvention == BoxConvention.LegacyPlusOne ? 1 : 0;
            ignored += r.IgnoredCount > 0 ? 1 : 0;
            duplicateGts += s.Gts.Distinct().Count() < s.Gts.Length ? 1 : 0;
            singleCandidate += r.GtStatistics.Any(g => g.CandidateCount == 1) ? 1 : 0;
            positives += r.PositiveCount;
            shared += contested > 0 ? 1 : 0;
            foreach (int n in s.Priors.LevelCounts)
            {
                levelBelowK += n > 0 && n < s.Options.TopK ? 1 : 0;
            }

            distanceTies += HasDistanceTie(s) ? 1 : 0;
        }

        output.WriteLine($"400 scenes: {legacy} legacy, {ignored} with ignored priors, {duplicateGts} with duplicate boxes, {singleCandidate} with a single-candidate box, {levelBelowK} levels below k, {distanceTies} with distance ties, {shared} with contested priors, {positives} positives");
        Assert.InRange(legacy, 100, 300);
        Assert.True(ignored > 12, $"ignored: {ignored}");
        Assert.True(duplicateGts > 20, $"duplicate gts: {duplicateGts}");
        Assert.True(singleCandidate > 3, $"single candidate: {singleCandidate}");
        Assert.True(levelBelowK > 100, $"levels below k: {levelBelowK}");
        Assert.True(distanceTies > 100, $"distance ties: {distanceTies}");
        Assert.True(shared > 20, $"shared priors: {shared}");
        Assert.True(positives > 2000, $"positives: {positives}");
    }

    private static bool HasDistanceTie(Scene s)
    {
        foreach (Box g in s.Gts)
        {
            var distances = new HashSet<float>();
            for (int p = 0; p < s.Priors.Count; p++)
            {
                Box b = s.Priors.Boxes[p];
                float dx = b.CenterX - g.CenterX;
                float dy = b.CenterY - g.CenterY;
                if (!distances.Add(MathF.Sqrt((dx * dx) + (dy * dy))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AssertSame(AssignmentResult expected, AssignmentResult actual, Scene scene)
    {
        Assert.True(expected.PriorCount == actual.PriorCount, scene.Describe("prior count"));
        for (int p = 0; p < expected.PriorCount; p++)
        {
            if (expected.AssignedGt[p] != actual.AssignedGt[p] || expected.Labels[p] != actual.Labels[p]
                || BitConverter.SingleToInt32Bits(expected.Ious[p]) != BitConverter.SingleToInt32Bits(actual.Ious[p]))
            {
                Assert.Fail(scene.Describe(string.Create(CultureInfo.InvariantCulture,
                    $"prior {p}: expected (gt {expected.AssignedGt[p]}, label {expected.Labels[p]}, iou {expected.Ious[p]:R}), got (gt {actual.AssignedGt[p]}, label {actual.Labels[p]}, iou {actual.Ious[p]:R})")));
            }
        }

        Assert.True(expected.PositiveIndices.SequenceEqual(actual.PositiveIndices), scene.Describe("positive indices differ"));
        Assert.True(expected.GtStatistics.Length == actual.GtStatistics.Length, scene.Describe("statistics count"));
        for (int g = 0; g < expected.GtStatistics.Length; g++)
        {
            Assert.True(expected.GtStatistics[g] == actual.GtStatistics[g], scene.Describe($"gt {g}: expected {expected.GtStatistics[g]}, got {actual.GtStatistics[g]}"));
        }
    }

    /// <summary>One random image: priors, boxes, labels, ignore regions and options, all from one seed.</summary>
    private sealed record Scene(int Seed, PriorSet Priors, Box[] Gts, int[] Labels, Box[] Ignore, AtssOptions Options, string Source)
    {
        public string Describe(string problem) => $"seed {Seed} ({Source}, N={Priors.Count}, G={Gts.Length}, I={Ignore.Length}, {Options}): {problem}";

        public static Scene Create(int seed)
        {
            var rng = new Random(seed);
            (PriorSet priors, int height, int width, string source) = CreatePriors(rng);
            int gtCount = rng.Next(20) switch
            {
                0 or 1 => 0,
                < 8 => 1 + rng.Next(3),
                < 19 => 1 + rng.Next(10),
                _ => 1 + rng.Next(40),
            };
            var gts = new Box[gtCount];
            var labels = new int[gtCount];
            for (int g = 0; g < gtCount; g++)
            {
                gts[g] = g > 0 && rng.Next(6) == 0 ? gts[rng.Next(g)] : RandomBox(rng, height, width);
                labels[g] = rng.Next(80);
            }

            Box[] ignore = [];
            float? iofThreshold = null;
            if (rng.Next(4) == 0)
            {
                ignore = new Box[1 + rng.Next(3)];
                for (int i = 0; i < ignore.Length; i++)
                {
                    ignore[i] = RandomBox(rng, height, width);
                }

                iofThreshold = rng.Next(6) switch
                {
                    0 => 0f,
                    1 => 0.3f,
                    2 => 0.7f,
                    3 => null,
                    _ => 0.5f,
                };
            }

            var options = new AtssOptions
            {
                TopK = rng.Next(4) == 0 ? 1 + rng.Next(3) : 1 + rng.Next(50),
                BoxConvention = rng.Next(2) == 0 ? BoxConvention.Continuous : BoxConvention.LegacyPlusOne,
                ScaleTopKByAnchorsPerLocation = rng.Next(2) == 0,
                IgnoreIofThreshold = iofThreshold,
                CenterMargin = rng.Next(8) switch
                {
                    0 => 0f,
                    1 => 1e-9f,
                    2 => 0.5f,
                    _ => 0.01f,
                },
                ThresholdComparison = rng.Next(5) == 0 ? ThresholdComparison.Greater : ThresholdComparison.GreaterOrEqual,
                SharedPriorResolution = rng.Next(5) == 0 ? SharedPriorResolution.HighestIouAmongAllBoxes : SharedPriorResolution.HighestIouAmongClaimants,
            };
            return new Scene(seed, priors, gts, labels, ignore, options, source);
        }

        private static (PriorSet Priors, int Height, int Width, string Source) CreatePriors(Random rng)
        {
            int kind = rng.Next(s_generators.Length + 4);
            if (kind < s_generators.Length)
            {
                IPriorGenerator generator = s_generators[kind];
                int limit = (generator.AnchorsPerLocation > 1 ? 72 : 160) * (rng.Next(10) == 0 ? 3 : 1);
                int h = 1 + rng.Next(limit);
                int w = 1 + rng.Next(limit);
                if (rng.Next(4) == 0)
                {
                    // Explicit feature maps: levels can be empty or far smaller than k.
                    var sizes = new FeatureMapSize[generator.Strides.Length];
                    for (int l = 0; l < sizes.Length; l++)
                    {
                        sizes[l] = new FeatureMapSize(rng.Next(5), rng.Next(5));
                    }

                    return (generator.Generate(sizes), 4 * generator.Strides[0], 4 * generator.Strides[0], $"{generator.GetType().Name}#{kind} maps");
                }

                return (generator.Generate(h, w), h, w, $"{generator.GetType().Name}#{kind} {h}x{w}");
            }

            // Caller-supplied priors: arbitrary boxes, some on an integer lattice, duplicates, zero-area boxes, points.
            int levels = 1 + rng.Next(4);
            var counts = new int[levels];
            for (int l = 0; l < levels; l++)
            {
                counts[l] = rng.Next(4) == 0 ? rng.Next(3) : rng.Next(120);
            }

            int size = 32 + rng.Next(160);
            var boxes = new Box[counts.Sum()];
            for (int i = 0; i < boxes.Length; i++)
            {
                boxes[i] = i > 0 && rng.Next(8) == 0 ? boxes[rng.Next(i)] : RandomBox(rng, size, size);
            }

            int a = 1 + rng.Next(3);
            return (PriorSet.FromBoxes(boxes, counts, a), size, size, $"FromBoxes [{string.Join(",", counts)}] A={a}");
        }

        private static Box RandomBox(Random rng, int height, int width)
        {
            switch (rng.Next(8))
            {
                case 0:
                    {
                        // Integer coordinates, often sharing edges and centres with integer grids.
                        int x1 = rng.Next(-4, width + 1);
                        int y1 = rng.Next(-4, height + 1);
                        return new Box(x1, y1, x1 + rng.Next(48), y1 + rng.Next(48));
                    }

                case 1:
                    {
                        // Centred on a grid point or exactly between grid points of a common stride.
                        int stride = 4 << rng.Next(3);
                        float cx = (rng.Next(0, (width / stride) + 1) + (rng.Next(2) * 0.5f)) * stride;
                        float cy = (rng.Next(0, (height / stride) + 1) + (rng.Next(2) * 0.5f)) * stride;
                        float hw = rng.Next(1, 40) * 0.5f;
                        float hh = rng.Next(2) == 0 ? hw : rng.Next(1, 40) * 0.5f;
                        return new Box(cx - hw, cy - hh, cx + hw, cy + hh);
                    }

                case 2:
                    {
                        // Zero width, zero height or a point.
                        float x = (float)(rng.NextDouble() * width);
                        float y = (float)(rng.NextDouble() * height);
                        int shape = rng.Next(3);
                        return new Box(x, y, shape == 1 ? x : x + (float)(rng.NextDouble() * 30), shape == 2 ? y : y + (float)(rng.NextDouble() * 30));
                    }

                case 3:
                    {
                        // Tiny.
                        float x = (float)(rng.NextDouble() * width);
                        float y = (float)(rng.NextDouble() * height);
                        return new Box(x, y, x + (float)rng.NextDouble(), y + (float)rng.NextDouble());
                    }

                case 4:
                    // The whole image.
                    return new Box(0, 0, width, height);

                default:
                    {
                        // Random float32 box, log-uniform size, sometimes sticking out of the image.
                        double w = Math.Exp(rng.NextDouble() * Math.Log(Math.Max(2, width)));
                        double h = w * Math.Exp((rng.NextDouble() - 0.5) * 2.0);
                        double cx = (rng.NextDouble() * (width + 20)) - 10;
                        double cy = (rng.NextDouble() * (height + 20)) - 10;
                        return new Box((float)(cx - (w / 2)), (float)(cy - (h / 2)), (float)(cx + (w / 2)), (float)(cy + (h / 2)));
                    }
            }
        }
    }
}
