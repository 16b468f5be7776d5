namespace Atss;

/// <summary>Diagnostics of one ground-truth box after assignment.</summary>
/// <remarks>
/// For ATSS, <c>Threshold = IouMean + IouStd</c> over the box's candidates, with the unbiased (n - 1) standard
/// deviation computed in float64. With fewer than two candidates the unbiased deviation is undefined: like the
/// references, the box then gets no positive, reported as <c>IouStd = 0</c> and <c>Threshold = +Infinity</c>.
/// Strategies without an adaptive threshold report their fixed threshold and zero mean and deviation.
/// </remarks>
/// <param name="CandidateCount">Number of candidates considered for the box.</param>
/// <param name="IouMean">Mean IoU of the candidates.</param>
/// <param name="IouStd">Standard deviation of the candidates' IoUs.</param>
/// <param name="Threshold">The IoU a candidate had to reach.</param>
/// <param name="PositiveCount">Priors finally assigned to the box (after shared priors were resolved).</param>
public readonly record struct GtStatistics(int CandidateCount, double IouMean, double IouStd, double Threshold, int PositiveCount);
