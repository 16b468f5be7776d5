using BenchmarkDotNet.Running;

namespace Atss.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Atss.Benchmarks -- [BenchmarkDotNet arguments]</c> runs the
/// benchmarks (for example <c>--filter '*AssignBenchmarks*'</c>); <c>-- scale</c> runs the one-shot scale check and
/// <c>-- verify</c> checks that every AssignBenchmarks variant agrees on every scene, without timing.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scale")
        {
            return ScaleCommand.Run();
        }

        if (args.Length > 0 && args[0] == "verify")
        {
            return VerifyCommand.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
