namespace Atss.Cli.Recipe;

/// <summary>Which reference training pipeline the demo reproduces (assigner settings, priors, resize, box conversion).</summary>
internal enum Convention
{
    /// <summary>MMDetection's ATSS config (the library's default convention).</summary>
    MmDetection,

    /// <summary>The paper's own code (<c>sfzhang15/ATSS</c>, built on maskrcnn-benchmark).</summary>
    Paper,
}
