using Atss.Benchmarks.Scenes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Atss.Benchmarks;

/// <summary>
/// The two per-level kernels of the general candidate search over one 16,800-prior level (P3 of an 800x1344 image):
/// centre distances, and selection of the 9 nearest. Each instruction-set width of CenterDistance is called directly
/// (a width the CPU lacks runs in software and is slow, not wrong). SelectNearest's vector loops are private, so it is
/// measured as its scalar reference against the dispatched (widest available) kernel; run the process with
/// <c>DOTNET_EnableAVX512F=0</c> or <c>DOTNET_EnableAVX2=0</c> to see the narrower tiers.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class KernelBenchmarks
{
    private const int LevelSize = 16_800;
    private const int TopK = 9;

    private float[] _cx = [];
    private float[] _cy = [];
    private float[] _distances = [];
    private float[] _heapDistances = [];
    private int[] _heapIndices = [];
    private int[] _nearest = [];
    private float _gx;
    private float _gy;

    [GlobalSetup]
    public void Setup()
    {
        PriorSet priors = AnchorGenerator.Atss.Generate(800, 1344);
        ReadOnlySpan<Box> level = priors.Level(0);
        if (level.Length != LevelSize)
        {
            throw new InvalidOperationException($"P3 of 800x1344 has {level.Length} priors; expected {LevelSize}.");
        }

        _cx = new float[LevelSize];
        _cy = new float[LevelSize];
        for (int i = 0; i < LevelSize; i++)
        {
            _cx[i] = level[i].CenterX;
            _cy[i] = level[i].CenterY;
        }

        Box gt = SceneGenerator.CocoLikeBoxes(1, 800, 1344, 7).Boxes[0];
        (_gx, _gy) = (gt.CenterX, gt.CenterY);
        _distances = new float[LevelSize];
        _heapDistances = new float[TopK];
        _heapIndices = new int[TopK];
        _nearest = new int[TopK];

        // The widths must agree before they are compared.
        var reference = new float[LevelSize];
        Kernels.CenterDistanceScalar(_cx, _cy, _gx, _gy, reference);
        foreach (Action<float[]> width in (Action<float[]>[])[
            d => Kernels.CenterDistanceV128(_cx, _cy, _gx, _gy, d),
            d => Kernels.CenterDistanceV256(_cx, _cy, _gx, _gy, d),
            d => Kernels.CenterDistanceV512(_cx, _cy, _gx, _gy, d)])
        {
            width(_distances);
            if (!_distances.AsSpan().SequenceEqual(reference))
            {
                throw new InvalidOperationException("A CenterDistance width disagrees with the scalar kernel.");
            }
        }

        var scalarNearest = new int[TopK];
        Kernels.SelectNearestScalar(_distances, _heapDistances, _heapIndices, scalarNearest);
        Kernels.SelectNearest(_distances, _heapDistances, _heapIndices, _nearest);
        if (!_nearest.AsSpan().SequenceEqual(scalarNearest))
        {
            throw new InvalidOperationException("SelectNearest disagrees with its scalar reference.");
        }
    }

    [BenchmarkCategory("CenterDistance")]
    [Benchmark(Baseline = true)]
    public void CenterDistanceScalar() => Kernels.CenterDistanceScalar(_cx, _cy, _gx, _gy, _distances);

    [BenchmarkCategory("CenterDistance")]
    [Benchmark]
    public void CenterDistanceV128() => Kernels.CenterDistanceV128(_cx, _cy, _gx, _gy, _distances);

    [BenchmarkCategory("CenterDistance")]
    [Benchmark]
    public void CenterDistanceV256() => Kernels.CenterDistanceV256(_cx, _cy, _gx, _gy, _distances);

    [BenchmarkCategory("CenterDistance")]
    [Benchmark]
    public void CenterDistanceV512() => Kernels.CenterDistanceV512(_cx, _cy, _gx, _gy, _distances);

    [BenchmarkCategory("SelectNearest")]
    [Benchmark(Baseline = true)]
    public int SelectNearestScalar()
    {
        Kernels.SelectNearestScalar(_distances, _heapDistances, _heapIndices, _nearest);
        return _nearest[0];
    }

    [BenchmarkCategory("SelectNearest")]
    [Benchmark]
    public int SelectNearest()
    {
        Kernels.SelectNearest(_distances, _heapDistances, _heapIndices, _nearest);
        return _nearest[0];
    }
}
