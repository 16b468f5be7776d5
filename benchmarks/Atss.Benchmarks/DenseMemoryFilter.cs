using Atss.Benchmarks.Baselines;
using Atss.Benchmarks.Scenes;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace Atss.Benchmarks;

/// <summary>
/// Drops the <see cref="AssignBenchmarks.Dense"/> cases whose priors x boxes exceed <see cref="DenseAtss.MaxPairs"/>
/// (two float matrices of that size need ~1.6 GB). In the full grid only G = 1000, A = 9, 800x1344
/// (201,600 priors x 1000 boxes) is dropped; its Grid, General and Floor cases still run, without a baseline ratio.
/// </summary>
internal sealed class DenseMemoryFilter : IFilter
{
    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(AssignBenchmarks.Dense))
        {
            return true;
        }

        var gtCount = (int)benchmarkCase.Parameters[nameof(AssignBenchmarks.GtCount)];
        var anchors = (int)benchmarkCase.Parameters[nameof(AssignBenchmarks.AnchorsPerLocation)];
        (int height, int width) = ImageSizeParam.Parse((string)benchmarkCase.Parameters[nameof(AssignBenchmarks.ImageSize)]);
        return ImageSizeParam.PriorCount(height, width, anchors) * gtCount <= DenseAtss.MaxPairs;
    }
}
