namespace Atss.Tests;

/// <summary>
/// Allocation in steady state. The runtime can allocate a few hundred bytes on the calling thread once, when it
/// re-compiles a hot method (tiered JIT, on-stack replacement), so one measured call is not enough: the action is
/// measured in rounds, and the smallest round is returned. Code that allocates on every call never reaches 0.
/// </summary>
public static class SteadyState
{
    public static long AllocatedBytes(Action action, int rounds = 20, int callsPerRound = 3)
    {
        long smallest = long.MaxValue;
        for (int r = 0; r < rounds && smallest > 0; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerRound; i++)
            {
                action();
            }

            smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return smallest;
    }
}
