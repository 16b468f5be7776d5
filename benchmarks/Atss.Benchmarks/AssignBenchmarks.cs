using Atss.Benchmarks.Baselines;
using Atss.Benchmarks.Scenes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Atss.Benchmarks;

/// <summary>
/// One image, MMDetection convention (k = 9 per level). Priors: <see cref="AnchorGenerator.Atss"/> for A = 1,
/// <see cref="AnchorGenerator.RetinaNet"/> for A = 9, on the padded size <see cref="ImageSize"/> (HxW, multiples of
/// 32). Boxes: <see cref="SceneGenerator.CocoLikeBoxes"/> with a fixed seed.
/// <list type="bullet">
/// <item><see cref="Dense"/> (baseline): <see cref="DenseAtss"/>, full priors x boxes matrices. Meaningful up to a few
/// million pairs; at G = 1000 it takes seconds per call. Cases above <see cref="DenseAtss.MaxPairs"/> are filtered
/// out (<see cref="DenseMemoryFilter"/>: only G = 1000, A = 9, 800x1344).</item>
/// <item><see cref="Grid"/>: the library on generator priors (they carry their grid), span overload, reused workspace.</item>
/// <item><see cref="General"/>: the same priors as caller-supplied boxes (<see cref="PriorSet.FromBoxes"/>, no grid).</item>
/// <item><see cref="GridPaperConvention"/>: the grid path in the ATSS paper's convention (<see cref="AtssOptions.OriginalPaper"/>:
/// k x A candidates per level, legacy IoU) on its own anchors (<see cref="LegacyAnchorGenerator"/>): 81 per level at A = 9.</item>
/// <item><see cref="Floor"/>: only writes the three dense per-prior outputs, the least any assigner must do.</item>
/// </list>
/// G = 0 measures the empty-image path. Quick runs: see <see cref="BenchParams"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class AssignBenchmarks
{
    private const int Seed = 20200613;

    private readonly AtssAssigner _assigner = new();
    private readonly AtssAssigner _paperAssigner = new(AtssOptions.OriginalPaper);
    private readonly AssignmentWorkspace _workspace = new();
    private PriorSet _gridPriors = null!;
    private PriorSet _generalPriors = null!;
    private PriorSet _paperPriors = null!;
    private Box[] _gts = [];
    private int[] _labels = [];
    private int[] _assignedGt = [];
    private int[] _assignedLabels = [];
    private float[] _ious = [];

    [ParamsSource(nameof(GtCountValues))]
    public int GtCount { get; set; }

    [ParamsSource(nameof(AnchorsPerLocationValues))]
    public int AnchorsPerLocation { get; set; }

    [ParamsSource(nameof(ImageSizeValues))]
    public string ImageSize { get; set; } = "";

    public static IEnumerable<int> GtCountValues => BenchParams.Ints("ATSS_BENCH_GT", [0, 1, 10, 100, 1000], [100]);

    public static IEnumerable<int> AnchorsPerLocationValues => BenchParams.Ints("ATSS_BENCH_ANCHORS", [1, 9], [1]);

    public static IEnumerable<string> ImageSizeValues => BenchParams.Strings("ATSS_BENCH_SIZE", ["320x320", "640x640", "800x1344"], ["800x1344"]);

    [GlobalSetup]
    public void Setup()
    {
        (int height, int width) = ImageSizeParam.Parse(ImageSize);
        AnchorGenerator generator = AnchorsPerLocation switch
        {
            1 => AnchorGenerator.Atss,
            9 => AnchorGenerator.RetinaNet,
            _ => throw new InvalidOperationException($"AnchorsPerLocation is {AnchorsPerLocation}; the benchmarks support 1 (ATSS anchors) and 9 (RetinaNet anchors)."),
        };
        _gridPriors = generator.Generate(height, width);
        _generalPriors = PriorSet.FromBoxes(_gridPriors.Boxes, _gridPriors.LevelCounts, AnchorsPerLocation);
        _paperPriors = (AnchorsPerLocation == 1 ? LegacyAnchorGenerator.Atss : LegacyAnchorGenerator.RetinaNet).Generate(height, width);
        (_gts, _labels) = SceneGenerator.CocoLikeBoxes(GtCount, height, width, Seed + GtCount);
        int n = _gridPriors.Count;
        _assignedGt = new int[n];
        _assignedLabels = new int[n];
        _ious = new float[n];
        Verify();
    }

    [Benchmark(Baseline = true)]
    public int Dense() => DenseAtss.Assign(_gridPriors.Boxes, _gridPriors.LevelCounts, _gts, _assigner.Options.TopK).Length;

    [Benchmark]
    public int Grid() => _assigner.AssignTargets(_gridPriors, _gts, _labels, default, _workspace, _assignedGt, _assignedLabels, _ious);

    [Benchmark]
    public int General() => _assigner.AssignTargets(_generalPriors, _gts, _labels, default, _workspace, _assignedGt, _assignedLabels, _ious);

    [Benchmark]
    public int GridPaperConvention() => _paperAssigner.AssignTargets(_paperPriors, _gts, _labels, default, _workspace, _assignedGt, _assignedLabels, _ious);

    [Benchmark]
    public void Floor()
    {
        _assignedGt.AsSpan().Fill(AssignmentResult.Negative);
        _assignedLabels.AsSpan().Fill(AssignmentResult.NoLabel);
        _ious.AsSpan().Clear();
    }

    // Every variant must assign the same box to every prior before anything is timed.
    private void Verify()
    {
        Grid();
        int[] grid = (int[])_assignedGt.Clone();
        General();
        Compare("General", _assignedGt, grid);
        if ((long)_gridPriors.Count * GtCount <= DenseAtss.MaxPairs)
        {
            Compare("Dense", DenseAtss.Assign(_gridPriors.Boxes, _gridPriors.LevelCounts, _gts, _assigner.Options.TopK), grid);
        }

        // The paper's convention: its grid path against the scan of the same anchors.
        if (_paperPriors.Count != _gridPriors.Count)
        {
            throw new InvalidOperationException($"The paper's anchors number {_paperPriors.Count}, the library's {_gridPriors.Count} ({ImageSize}); the outputs are sized for the latter.");
        }

        GridPaperConvention();
        int[] paper = (int[])_assignedGt.Clone();
        _paperAssigner.AssignTargets(PriorSet.FromBoxes(_paperPriors.Boxes, _paperPriors.LevelCounts, AnchorsPerLocation), _gts, _labels, default, _workspace, _assignedGt, _assignedLabels, _ious);
        Compare("GeneralPaperConvention", _assignedGt, paper);
    }

    private void Compare(string name, int[] actual, int[] grid)
    {
        for (int p = 0; p < grid.Length; p++)
        {
            if (actual[p] != grid[p])
            {
                throw new InvalidOperationException($"{name} assigns prior {p} to {actual[p]}, Grid to {grid[p]} (G = {GtCount}, A = {AnchorsPerLocation}, {ImageSize}).");
            }
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddFilter(new DenseMemoryFilter());
    }
}
