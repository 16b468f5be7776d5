using System.Reflection;
using Atss.Cli.CommandLine;
using Atss.Cli.Coco;
using Atss.Cli.Commands;
using Atss.Cli.Strategies;

namespace Atss.Cli;

/// <summary>
/// Entry point of the <c>atss</c> tool. The first argument picks the command (<c>stats</c> when it is omitted or an
/// option); each command parses its own options. <see cref="Run(string[], TextWriter, TextWriter)"/> is the whole
/// tool, callable in-process; it never throws and never prints a stack trace for bad input.
/// </summary>
public static class Program
{
    public static string Usage => $"""
        atss: training-target assignment statistics and drawings for COCO annotation files (ATSS and friends).

        Usage: atss [command] [options]

        Commands:
          stats      (default) assign every image of a COCO annotation file with one or more strategies and print
                     positives per box by size and FPN level, boxes without positives, ignored priors, time per image
          draw       draw one image's boxes and assigned priors, or (--histogram) positives-per-box histograms
          generate   write a synthetic COCO annotation file (for memory and speed tests)
          help       show this help; 'atss <command> --help' shows a command's options
          --version  print the tool's version

        Strategies (--strategy NAME or NAME:CONVENTION, conventions mmdetection and paper):
        {StrategyList}

        Without --annotations, stats and draw use the embedded 100-image COCO val2014 subset, for example
        'atss draw --image-id 1146 --out a.png'.

        Exit codes:
          {ExitCodes.Success}   success
          {ExitCodes.InputError}   an input cannot be used: the annotation file is missing or malformed (the message
              gives file:line:column, the JSON path and what was expected), an image id or image file is not found
          {ExitCodes.UsageError}   the command line cannot be understood (unknown command, option or strategy, bad value)
          {ExitCodes.OutputError}   an output file cannot be written
          {ExitCodes.InternalError}  an unexpected failure inside the tool (a bug; please report it with the command line)
        """;

    public static int Main(string[] args)
        => Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected);

    /// <summary>Runs the tool in-process and returns its exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, stderrIsTerminal: false);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        var context = new CommandContext(stdout, stderr, stderrIsTerminal);
        try
        {
            return Dispatch(args, context);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"atss: {e.Message}");
            stderr.WriteLine("Run 'atss help' for usage.");
            return ExitCodes.UsageError;
        }
        catch (CocoFormatException e)
        {
            stderr.WriteLine($"atss: error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (InputException e)
        {
            stderr.WriteLine($"atss: error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (OutputException e)
        {
            stderr.WriteLine($"atss: error: {e.Message}");
            return ExitCodes.OutputError;
        }
#pragma warning disable CA1031 // The tool's last line of defence: report any failure as a message and an exit code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"atss: internal error (a bug; please report it with the command line): {e}");
            return ExitCodes.InternalError;
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }

    private static int Dispatch(string[] args, CommandContext context)
    {
        bool explicitCommand = args.Length > 0 && !args[0].StartsWith('-');
        string command = explicitCommand ? args[0] : "stats";
        string[] rest = explicitCommand ? args[1..] : args;
        if (!explicitCommand && args is ["--version"])
        {
            context.Stdout.WriteLine($"atss {Version}");
            return ExitCodes.Success;
        }

        if (!explicitCommand && args is ["--help"] or ["-h"])
        {
            command = "help";
        }

        switch (command)
        {
            case "stats":
                return StatsCommand.Run(StatsSettings.Parse(rest), context);
            case "draw":
                return DrawCommand.Run(DrawSettings.Parse(rest), context);
            case "generate":
                return GenerateCommand.Run(GenerateSettings.Parse(rest), context);
            case "help":
                context.Stdout.WriteLine(Usage);
                return ExitCodes.Success;
            default:
                throw new UsageException($"unknown command '{command}'; the commands are: stats, draw, generate, help.");
        }
    }

    private static string StrategyList
        => string.Join(Environment.NewLine, StrategyRegistry.All.Select(e => $"  {e.Name,-10} {e.Summary}"));

    private static string Version
        => typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
