namespace Atss;

/// <summary>Which standard deviation of the candidates' IoUs enters the ATSS threshold.</summary>
public enum StdEstimator
{
    /// <summary>Sample deviation, divided by n - 1 (torch's and Paddle's <c>std</c>): every reference assigner.</summary>
    Unbiased = 0,

    /// <summary>Population deviation, divided by n (numpy's <c>np.std</c>, as in PaddleDetection's data-loader ATSS target op).</summary>
    Population = 1,
}
