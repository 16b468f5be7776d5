using Atss.Benchmarks.Scenes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using X86 = System.Runtime.Intrinsics.X86;

namespace Atss.Benchmarks;

/// <summary>
/// The per-level kernels. General candidate search over one 16,800-prior level (P3 of an 800x1344 image): centre
/// distances, and selection of the 9 nearest. Grid path: one 4 x 4 block (distances, IoUs, depths, the 9 nearest) as
/// its scalar reference against the AVX-512 kernel and the separable kernels (AVX-512, and 128-bit for other CPUs). Statistics: the chunked float64 sum over five levels' candidates. Each instruction-set width of CenterDistance is called directly
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
    private Box _gt;
    private Box[] _boxes = [];
    private int _blockFirst;
    private int _blockX0;
    private int _blockY0;
    private float[] _edges = [];
    private int[] _blockIndices = new int[16];
    private float[] _blockIous = new float[16];
    private float[] _blockDepths = new float[16];
    private float[] _chunkValues = [];
    private int[] _levelK = [9, 9, 9, 9, 9];
    private int[] _levelOffset = [0, 16, 32, 48, 64];

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
        _gt = gt;
        _boxes = priors.Boxes.ToArray();
        _blockX0 = Math.Clamp((int)(gt.CenterX / 8) - 1, 0, 164);
        _blockY0 = Math.Clamp((int)(gt.CenterY / 8) - 1, 0, 96);
        _blockFirst = (_blockY0 * 168) + _blockX0;
        _edges = priors.BlockLevels![0].Edges ?? throw new InvalidOperationException("P3 of the ATSS generator should be separable.");
        _chunkValues = [.. Enumerable.Range(0, 80).Select(i => (float)((i * 0.37) % 1))];
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

        var blockIndices = new int[16];
        var blockIous = new float[16];
        var blockDepths = new float[16];
        Kernels.SelectBlock4x4Scalar(_boxes, _blockFirst, 168, _gt, false, TopK, blockIndices, blockIous, blockDepths);
        if (X86.Avx512F.IsSupported)
        {
            Kernels.SelectBlock4x4V512(_boxes, _blockFirst, 168, _gt, false, TopK, _blockIndices, _blockIous, _blockDepths);
            if (!_blockIndices.AsSpan().SequenceEqual(blockIndices) || !_blockIous.AsSpan().SequenceEqual(blockIous) || !_blockDepths.AsSpan().SequenceEqual(blockDepths))
            {
                throw new InvalidOperationException("SelectBlock4x4V512 disagrees with its scalar reference.");
            }
        }

        var separable = new (Func<float> Kernel, string Name)[]
        {
            (SelectSeparableBlockV128, nameof(Kernels.SelectSeparableBlock4x4V128)),
            (X86.Avx512F.IsSupported ? SelectSeparableBlockV512 : SelectSeparableBlockV128, nameof(Kernels.SelectSeparableBlock4x4V512)),
        };
        foreach ((Func<float> kernel, string name) in separable)
        {
            kernel();
            if (!_blockIndices.AsSpan(0, TopK).SequenceEqual(blockIndices.AsSpan(0, TopK)) || !_blockIous.AsSpan().SequenceEqual(blockIous) || !_blockDepths.AsSpan(0, TopK).SequenceEqual(blockDepths.AsSpan(0, TopK)))
            {
                throw new InvalidOperationException($"{name} disagrees with the scalar reference.");
            }
        }

        double chunked = Kernels.ChunkedSumScalar(_chunkValues, _levelK, _levelOffset, 0.5, squares: true);
        if ((X86.Avx2.IsSupported && ChunkedSumV256() != chunked) || (X86.Avx512F.IsSupported && ChunkedSumV512() != chunked))
        {
            throw new InvalidOperationException("A ChunkedSum width disagrees with the scalar kernel.");
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

    [BenchmarkCategory("SelectBlock")]
    [Benchmark(Baseline = true)]
    public float SelectBlockScalar() => Kernels.SelectBlock4x4Scalar(_boxes, _blockFirst, 168, _gt, false, TopK, _blockIndices, _blockIous, _blockDepths);

    /// <summary>Needs AVX-512 (the grid path uses the kernel only then); without it, returns NaN at once.</summary>
    [BenchmarkCategory("SelectBlock")]
    [Benchmark]
    public float SelectBlockV512() => X86.Avx512F.IsSupported ? Kernels.SelectBlock4x4V512(_boxes, _blockFirst, 168, _gt, false, TopK, _blockIndices, _blockIous, _blockDepths) : float.NaN;

    /// <summary>The separable form (the generators' levels): column and row terms spread to sixteen lanes. Needs AVX-512.</summary>
    [BenchmarkCategory("SelectBlock")]
    [Benchmark]
    public float SelectSeparableBlockV512() => X86.Avx512F.IsSupported ? Kernels.SelectSeparableBlock4x4V512(_edges, 168, 100, _blockX0, _blockY0, _blockFirst, _gt, false, TopK, _blockIndices, _blockIous, _blockDepths) : float.NaN;

    /// <summary>The separable form without AVX-512: 128-bit IoUs and depths, the 256-bit ranking where AVX2 is there.</summary>
    [BenchmarkCategory("SelectBlock")]
    [Benchmark]
    public float SelectSeparableBlockV128() => Kernels.SelectSeparableBlock4x4V128(_edges, 168, 100, _blockX0, _blockY0, _blockFirst, _gt, false, TopK, _blockIndices, _blockIous, _blockDepths);

    [BenchmarkCategory("ChunkedSum")]
    [Benchmark(Baseline = true)]
    public double ChunkedSumScalar() => Kernels.ChunkedSumScalar(_chunkValues, _levelK, _levelOffset, 0.5, squares: true);

    [BenchmarkCategory("ChunkedSum")]
    [Benchmark]
    public double ChunkedSumV256() => X86.Avx2.IsSupported ? Kernels.ChunkedSumV256(_chunkValues, _levelK, _levelOffset, 0.5, squares: true) : double.NaN;

    [BenchmarkCategory("ChunkedSum")]
    [Benchmark]
    public double ChunkedSumV512() => X86.Avx512F.IsSupported ? Kernels.ChunkedSumV512(_chunkValues, _levelK, _levelOffset, 0.5, squares: true) : double.NaN;
}
