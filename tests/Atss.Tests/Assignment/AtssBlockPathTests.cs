namespace Atss.Tests.Assignment;

/// <summary>
/// The grid path (the 4 x 4 block search on single-anchor levels with k &lt;= 16, the nearest-location shortcut on
/// multi-anchor levels with k &lt;= A, the window search otherwise) must give exactly what the general scan gives on
/// the same priors without their grid: every output, statistics included. Scenes are chosen to stress it: centres on the
/// prior lattice or half-way between (equal distances), boxes centred outside the image (the block is clamped and the
/// exact bound or the fallback decides), levels of exactly 4 locations and levels too small for a block.
/// </summary>
public class AtssBlockPathTests
{
    public static TheoryData<string, int, int> Layouts => new()
    {
        { "atss", 128, 192 },
        { "atss", 512, 512 },
        { "atss", 800, 1344 },
        { "legacy", 256, 384 },
        { "points", 320, 320 },
        { "rounded", 640, 800 },
        { "retinanet", 256, 384 },
        { "legacy-retinanet", 192, 320 },
    };

    /// <summary>Single-anchor anchors whose float32 centres are not exactly on the lattice (the proof's deviation term).</summary>
    private static readonly AnchorGenerator s_rounded = new([8, 16, 32, 64, 128], [0.3], [7.3], centerOffset: 0.37);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void GridSearch_EqualsGeneralScan(string generator, int height, int width)
    {
        PriorSet grid = generator switch
        {
            "atss" => AnchorGenerator.Atss.Generate(height, width),
            "legacy" => LegacyAnchorGenerator.Atss.Generate(height, width),
            "rounded" => s_rounded.Generate(height, width),
            "retinanet" => AnchorGenerator.RetinaNet.Generate(height, width),
            "legacy-retinanet" => LegacyAnchorGenerator.RetinaNet.Generate(height, width),
            _ => PointGenerator.Fcos.Generate(height, width),
        };
        PriorSet general = PriorSet.FromBoxes(grid.Boxes, grid.LevelCounts, grid.AnchorsPerLocation);
        var rng = new Random(height + width);
        foreach (AtssOptions preset in new[] { AtssOptions.MmDetection, AtssOptions.OriginalPaper })
        {
            foreach (int k in new[] { 1, 4, 9, 16, 17 })
            {
                var assigner = new AtssAssigner(preset with { TopK = k });
                for (int scene = 0; scene < 16; scene++)
                {
                    Box[] boxes = Boxes(rng, height, width, 1 + rng.Next(40), scene);
                    int[] labels = [.. Enumerable.Range(0, boxes.Length).Select(i => i % 7)];
                    AssignmentResult expected = assigner.AssignTargets(general, boxes, labels);
                    AssignmentResult actual = assigner.AssignTargets(grid, boxes, labels);
                    string context = $"{generator} {height}x{width}, {preset.BoxConvention}, k = {k}, scene {scene}";
                    Assert.True(expected.AssignedGt.AsSpan().SequenceEqual(actual.AssignedGt), context);
                    Assert.True(expected.Ious.AsSpan().SequenceEqual(actual.Ious), context);
                    Assert.True(expected.Labels.AsSpan().SequenceEqual(actual.Labels), context);
                    Assert.True(expected.PositiveIndices.AsSpan().SequenceEqual(actual.PositiveIndices), context);
                    Assert.True(expected.GtStatistics.AsSpan().SequenceEqual(actual.GtStatistics), context);
                }
            }
        }
    }

    // Scene kinds by index: lattice-aligned (centres on prior centres or half-way: many equal distances), random, boxes
    // centred outside the image, and boxes centred very far away.
    private static Box[] Boxes(Random rng, int height, int width, int count, int scene)
    {
        var boxes = new Box[count];
        for (int i = 0; i < count; i++)
        {
            float cx;
            float cy;
            switch (scene % 4)
            {
                case 0:
                    int stride = 8 << rng.Next(5);
                    cx = (stride / 2f) * rng.Next(0, (2 * width / stride) + 1);
                    cy = (stride / 2f) * rng.Next(0, (2 * height / stride) + 1);
                    break;
                case 1:
                    cx = (float)(rng.NextDouble() * width);
                    cy = (float)(rng.NextDouble() * height);
                    break;
                case 2:
                    cx = (float)((rng.NextDouble() * 3 * width) - width);
                    cy = (float)((rng.NextDouble() * 3 * height) - height);
                    break;
                default:
                    // Far beyond the grid, up to the input limit: the block origin saturates and the proof must refuse.
                    cx = (float)(Math.Pow(10, rng.Next(4, 18)) * (rng.Next(2) == 0 ? -1 : 1));
                    cy = (float)(rng.NextDouble() * height);
                    if (rng.Next(2) == 0)
                    {
                        (cx, cy) = (cy, cx);
                    }

                    break;
            }

            float w = scene % 3 == 0 ? 8 * rng.Next(1, 40) : (float)(1 + (rng.NextDouble() * width / 2));
            float h = scene % 3 == 0 ? 8 * rng.Next(1, 40) : (float)(1 + (rng.NextDouble() * height / 2));
            boxes[i] = Box.FromCenter(cx, cy, w, h);
        }

        return boxes;
    }

    [Fact]
    public void RoundedGrid_HasDeviation()
    {
        PriorSet priors = s_rounded.Generate(640, 800);
        Assert.Contains(priors.Geometry!, g => g is { Deviation: > 0 });
    }

    /// <summary>
    /// Guards against a block path that silently never applies: for centres at least two cells of the coarsest level away
    /// from every edge, every level's block is proven. (Near an edge the k nearest can spread five columns along it, and
    /// the window search takes over; in the benchmark scene that happens for about 1% of box-levels.)
    /// </summary>
    [Fact]
    public void BlockSearch_ProvesEveryLevel_ForCentresAwayFromTheEdges()
    {
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            return;
        }

        PriorSet priors = AnchorGenerator.Atss.Generate(800, 1344);
        var ws = new AssignmentWorkspace();
        ws.EnsurePriorCapacity(priors.Count, priors.Count, priors.LevelCount);
        ws.PrepareCandidates(priors, 9, 1);
        var rng = new Random(4);
        for (int i = 0; i < 500; i++)
        {
            Box gt = Box.FromCenter(256 + (float)(rng.NextDouble() * (1344 - 512)), 256 + (float)(rng.NextDouble() * (800 - 512)), 1 + (float)(rng.NextDouble() * 600), 1 + (float)(rng.NextDouble() * 600));
            uint unproven = CandidateSearch.FindInBlocks(priors, gt, BoxConvention.Continuous, ws.LevelK, ws.LevelOffset, ws.LevelBlockOrigins, ws.Candidates, ws.CandidateIous, ws.CandidateDepths);
            Assert.True(unproven == 0, $"box {gt} (centre {gt.CenterX}, {gt.CenterY}): unproven levels {unproven}");
        }
    }
}
