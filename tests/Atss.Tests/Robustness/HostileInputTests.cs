namespace Atss.Tests.Robustness;

/// <summary>
/// Malformed-input stress: hostile inputs (NaN or infinity anywhere, 1e30 magnitudes, subnormals, inverted boxes,
/// lengths off by one, huge or invalid k, bad level counts) must either assign sanely or throw a documented
/// <see cref="ArgumentException"/> naming a parameter; nothing else, no hang, no partial output.
/// ATSS_STRESS_ITERATIONS raises the count (the README's million-input run).
/// </summary>
[Trait("Category", RobustnessGenerators.Category)]
public class HostileInputTests
{
    private static readonly float[] s_hostileValues =
    [
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f, -1e30f, 1e19f, float.Epsilon, -float.Epsilon,
        1e-40f, 0f, -0f, float.MaxValue, float.MinValue, 1e18f, -1e18f, 0.5f, 7.999999f,
    ];

    [Fact]
    public void AssignTargets_HostileInputs_AssignSanelyOrThrowDocumentedExceptions()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("ATSS_STRESS_ITERATIONS"), out int n) ? n : 20_000;
        var rng = new Random(20261125);
        PriorSet grid = AnchorGenerator.Atss.Generate(64, 96);
        int accepted = 0, rejected = 0;
        for (int i = 0; i < iterations; i++)
        {
            try
            {
                RunOne(rng, grid);
                accepted++;
            }
            catch (ArgumentException e)
            {
                Assert.False(string.IsNullOrEmpty(e.ParamName), $"iteration {i}: {e.GetType().Name} without a parameter name: {e.Message}");
                rejected++;
            }
        }

        // Both outcomes must actually occur, or the generator is not testing what it claims.
        Assert.True(accepted > iterations / 10, $"accepted {accepted}");
        Assert.True(rejected > iterations / 10, $"rejected {rejected}");
    }

    private static void RunOne(Random rng, PriorSet grid)
    {
        int g = rng.Next(0, 12);
        var boxes = new Box[g];
        for (int j = 0; j < g; j++)
        {
            float x = (float)(rng.NextDouble() * 96), y = (float)(rng.NextDouble() * 64);
            boxes[j] = new Box(x, y, x + (float)(rng.NextDouble() * 40), y + (float)(rng.NextDouble() * 40));
        }

        int[] labels = new int[g];
        Box[] ignore = rng.Next(4) == 0 ? [new Box(0, 0, 30, 30)] : [];
        PriorSet priors = grid;
        Box[] priorBoxes = grid.Boxes.ToArray();
        int[] levelCounts = grid.LevelCounts.ToArray();
        int topK = rng.Next(1, 30);
        int destinationLength = grid.Count;
        float? iof = rng.Next(3) == 0 ? 0.5f : null;

        switch (rng.Next(12))
        {
            case 0 when g > 0:
                boxes[rng.Next(g)] = Corrupt(boxes[rng.Next(g)], rng);
                break;
            case 1:
                priorBoxes[rng.Next(priorBoxes.Length)] = Corrupt(priorBoxes[rng.Next(priorBoxes.Length)], rng);
                priors = PriorSet.FromBoxes(priorBoxes, levelCounts);
                break;
            case 2:
                labels = new int[Math.Max(0, g + (rng.Next(2) == 0 ? 1 : -1))];
                break;
            case 3:
                destinationLength = grid.Count - 1;
                break;
            case 4:
                topK = rng.Next(3) switch { 0 => int.MaxValue, 1 => 0, _ => -rng.Next(100) };
                break;
            case 5:
                levelCounts[rng.Next(levelCounts.Length)] += rng.Next(2) == 0 ? 1 : -1;
                priors = PriorSet.FromBoxes(priorBoxes, levelCounts);
                break;
            case 6 when g > 0:
                Box b = boxes[rng.Next(g)];
                boxes[rng.Next(g)] = new Box(b.X2 + 1, b.Y1, b.X1, b.Y2);
                break;
            case 7:
                ignore = [Corrupt(new Box(0, 0, 10, 10), rng)];
                iof = 0.3f;
                break;
            case 8:
                iof = rng.Next(2) == 0 ? float.NaN : 1.5f;
                break;
            case 9:
                priors = rng.Next(2) == 0 ? AnchorGenerator.Atss.Generate(rng.Next(-5, 5), rng.Next(0, 50)) : AnchorGenerator.Atss.Generate(int.MaxValue, int.MaxValue);
                destinationLength = priors.Count;
                break;
            case 10:
                // Subnormal and tiny boxes: valid, must assign without NaN.
                for (int j = 0; j < g; j++)
                {
                    boxes[j] = new Box(float.Epsilon * j, 0, float.Epsilon * (j + 1), 1e-40f);
                }

                break;
            default:
                break;
        }

        // Every strategy goes through the same hostile inputs (their options validate k and thresholds too).
        PriorAssigner assigner = rng.Next(4) switch
        {
            0 => new MaxIouAssigner(MaxIouOptions.MmDetection with { IgnoreIofThreshold = iof }),
            1 => new FcosAssigner(FcosOptions.MmDetection),
            2 => new TopKAssigner(TopKOptions.OriginalPaper with { TopK = topK }),
            _ => new AtssAssigner(AtssOptions.MmDetection with { TopK = topK, IgnoreIofThreshold = iof }),
        };
        var assignedGt = new int[destinationLength];
        var labelsOut = new int[priors.Count];
        var ious = new float[priors.Count];
        var stats = new GtStatistics[boxes.Length];
        var workspace = new AssignmentWorkspace();
        int positives = assigner.AssignTargets(priors, boxes, labels, ignore, workspace, assignedGt, labelsOut, ious, stats);
        Assert.InRange(positives, 0, priors.Count);
        for (int p = 0; p < priors.Count; p++)
        {
            Assert.InRange(assignedGt[p], AssignmentResult.Ignored, boxes.Length - 1);
            Assert.True(float.IsFinite(ious[p]));
        }

        Assert.All(stats, s => Assert.False(double.IsNaN(s.Threshold)));
    }

    private static Box Corrupt(Box b, Random rng)
    {
        float v = s_hostileValues[rng.Next(s_hostileValues.Length)];
        return rng.Next(4) switch
        {
            0 => b with { X1 = v },
            1 => b with { Y1 = v },
            2 => b with { X2 = v },
            _ => b with { Y2 = v },
        };
    }

    [Fact]
    public void AssignTargets_NaNInLastBox_ThrowsNamingTheIndexBeforeWriting()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(64, 64);
        Box[] boxes = [new(1, 1, 20, 20), new(5, 5, 30, 30), new(2, 2, 9, float.NaN)];
        var assignedGt = new int[priors.Count];
        Array.Fill(assignedGt, 12345);
        var e = Assert.Throws<ArgumentException>(() => new AtssAssigner().AssignTargets(priors, boxes, [0, 1, 2], [], new AssignmentWorkspace(), assignedGt, new int[priors.Count], new float[priors.Count]));
        Assert.Equal("gtBoxes", e.ParamName);
        Assert.Contains("index 2", e.Message, StringComparison.Ordinal);
        Assert.All(assignedGt, v => Assert.Equal(12345, v));
    }
}
