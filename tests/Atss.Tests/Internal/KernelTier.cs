using System.Runtime.Intrinsics;

namespace Atss.Tests.Internal;

/// <summary>The kernel widths; a test row exists only for the widths this machine accelerates (plus Scalar).</summary>
public enum KernelTier
{
    Scalar,
    V128,
    V256,
    V512,
}

public static class KernelTiers
{
    /// <summary>Largest length the sweeps use: past three 512-bit vectors of floats, so every remainder occurs.</summary>
    public const int MaxLength = (3 * 16) + 3;

    public static IEnumerable<KernelTier> Available()
    {
        yield return KernelTier.Scalar;
        if (Vector128.IsHardwareAccelerated)
        {
            yield return KernelTier.V128;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            yield return KernelTier.V256;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            yield return KernelTier.V512;
        }
    }

    /// <summary>Floats per vector (1 for Scalar).</summary>
    public static int Width(KernelTier tier) => tier switch
    {
        KernelTier.V128 => Vector128<float>.Count,
        KernelTier.V256 => Vector256<float>.Count,
        KernelTier.V512 => Vector512<float>.Count,
        _ => 1,
    };
}
