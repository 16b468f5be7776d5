using Atss.Cli.Coco;
using Atss.Cli.CommandLine;
using Atss.Cli.Commands;

namespace Atss.Cli;

/// <summary>
/// Entry point of the <c>atss</c> tool. The first argument picks the command (<c>stats</c> when it is omitted or an
/// option); each command parses its own options. Exit codes: 0 success, 1 unreadable input, 2 bad command line.
/// </summary>
public static class Program
{
    public const string Usage = """
        atss: ATSS training-target assignment for dense object detectors.

        Usage: atss [command] [options]

        Commands:
          stats   (default) assign every image of a COCO annotation file and print statistics
          help    show this help; 'atss stats --help' shows the options of stats
        """;

    public static int Main(string[] args)
    {
        try
        {
            return Run(args, Console.Out);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"atss: {e.Message}");
            Console.Error.WriteLine("Run 'atss help' for usage.");
            return 2;
        }
        catch (CocoFormatException e)
        {
            Console.Error.WriteLine($"atss: error: {e.Message}");
            return 1;
        }
    }

    private static int Run(string[] args, TextWriter output)
    {
        bool explicitCommand = args.Length > 0 && !args[0].StartsWith('-');
        string command = explicitCommand ? args[0] : "stats";
        string[] rest = explicitCommand ? args[1..] : args;
        switch (command)
        {
            case "stats":
                return StatsCommand.Run(StatsSettings.Parse(rest), output);
            case "help":
                output.WriteLine(Usage);
                return 0;
            default:
                throw new UsageException($"unknown command '{command}'; the commands are: stats, help.");
        }
    }
}
