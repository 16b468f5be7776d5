using System.Text;

namespace Atss.Cli.Tests.Commands;

/// <summary>Malformed annotation files: exit code 1, a message with file:line:column and what was expected, no stack trace.</summary>
public class MalformedInputTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // name, file content, text at the reported position, words the message must contain
        { "width-string", "{\"images\": [{\"id\": 1,\n  \"width\": \"640\", \"height\": 480}], \"annotations\": []}", "\"640\"", "$.images[0].width|expected a positive integer" },
        { "bbox-three", "{\"images\": [{\"id\": 1, \"width\": 64, \"height\": 48}],\n\"annotations\": [{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3]}]}", "[1, 2, 3]", "$.annotations[0].bbox|expected 4" },
        { "bbox-string", "{\"images\": [{\"id\": 1, \"width\": 64, \"height\": 48}],\n\"annotations\": [{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, \"2\", 3, 4]}]}", "\"2\"", "$.annotations[0].bbox[1]|expected a number" },
        { "unknown-image", "{\"images\": [{\"id\": 1, \"width\": 64, \"height\": 48}],\n\"annotations\": [\n {\"image_id\": 77, \"category_id\": 1, \"bbox\": [1, 2, 3, 4]}]}", "77", "$.annotations[0].image_id|77|no entry of $.images" },
        { "unknown-image-annotations-first", "{\"annotations\": [\n {\"image_id\": 77, \"category_id\": 1, \"bbox\": [1, 2, 3, 4]}],\n\"images\": [{\"id\": 1, \"width\": 64, \"height\": 48}]}", "77", "$.annotations[0].image_id|77|no entry of $.images" },
        { "duplicate-image", "{\"images\": [{\"id\": 3, \"width\": 64, \"height\": 48},\n {\"id\": 3, \"width\": 64, \"height\": 48}], \"annotations\": []}", "3, \"width\": 64, \"height\": 48}]", "$.images[1].id|must be unique" },
        { "crowd-word", "{\"images\": [{\"id\": 1, \"width\": 64, \"height\": 48}], \"annotations\": [{\"image_id\": 1, \"category_id\": 1,\n \"bbox\": [1, 2, 3, 4], \"iscrowd\": \"yes\"}]}", "\"yes\"", "$.annotations[0].iscrowd|expected 0, 1, true or false" },
        { "negative-width", "{\"images\": [{\"id\": 1, \"width\": 64, \"height\": 48}], \"annotations\": [{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, -3, 4]}]}", "[1, 2, -3, 4]", "$.annotations[0].bbox|must be >= 0" },
        { "images-not-array", "{\"images\": {\"id\": 1}, \"annotations\": []}", "{\"id\": 1}", "$.images|expected an array" },
        { "root-array", "[{\"images\": []}]", "[{", "$|expected a JSON object" },
        { "missing-id", "{\"images\": [\n  {\"width\": 64, \"height\": 48}], \"annotations\": []}", "{\"width\"", "$.images[0]|has no \"id\"" },
        { "syntax-missing-colon", "{\"images\": [{\"id\" 1}], \"annotations\": []}", "1}", "malformed JSON" },
        { "trailing-text", "{\"images\": [], \"annotations\": []}\nmore", "more", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stats_MalformedFile_ExitCode1WithFileLineColumnAndExpectation(string name, string content, string at, string words)
    {
        using var temp = new TempDirectory();
        string path = temp.Write(name + ".json", content);
        CliResult result = CliRunner.Run("stats", "--annotations", path);

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.HasStackTrace, result.ToString());
        Assert.StartsWith($"atss: error: {path}:{TextPosition.Of(content, content.IndexOf(at, StringComparison.Ordinal))}: ", result.Stderr, StringComparison.Ordinal);
        foreach (string word in words.Split('|'))
        {
            Assert.Contains(word, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stats_TruncatedFile_ExitCode1AtTheEndOfTheFile(int part)
    {
        // Cut the real sample at a quarter, a half and three quarters.
        using Stream embedded = Atss.Cli.Coco.CocoReader.OpenEmbedded();
        using var reader = new StreamReader(embedded, Encoding.UTF8);
        string full = reader.ReadToEnd();
        string truncated = full[..(full.Length * part / 4)];
        using var temp = new TempDirectory();
        string path = temp.Write("truncated.json", truncated);

        CliResult result = CliRunner.Run("stats", "--annotations", path);

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.HasStackTrace, result.ToString());
        Assert.StartsWith($"atss: error: {path}:{TextPosition.Of(truncated, truncated.Length)}: malformed JSON", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("truncated?", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "holds no JSON")]
    [InlineData("{\"annotations\": []}", "$.images is missing")]
    [InlineData("{\"images\": []}", "$.annotations is missing")]
    public void Stats_EmptyOrIncompleteFile_ExitCode1NamesWhatIsMissing(string content, string message)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("incomplete.json", content);
        CliResult result = CliRunner.Run("stats", "--annotations", path);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"atss: error: {path}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_FileMissing_ExitCode1NamesTheFile()
    {
        using var temp = new TempDirectory();
        string path = temp.File("absent.json");
        CliResult result = CliRunner.Run("stats", "--annotations", path);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"atss: error: {path}: cannot open the file", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Fact]
    public void Stats_ImageTooLargeForPriors_ExitCode1NamesTheImage()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("huge.json", "{\"images\": [{\"id\": 9, \"width\": 2000000000, \"height\": 2000000000}], \"annotations\": []}");
        CliResult result = CliRunner.Run("stats", "--annotations", path, "--resize", "none");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"atss: error: {path}: image 9: ", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Fact]
    public void Draw_MalformedFile_SameMessageAsStats()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("bad.json", "{\"images\": [{\"id\": true}], \"annotations\": []}");
        CliResult stats = CliRunner.Run("stats", "--annotations", path);
        CliResult draw = CliRunner.Run("draw", "--annotations", path, "--image-id", "1", "--out", temp.File("x.png"));
        Assert.Equal(1, draw.ExitCode);
        Assert.Equal(stats.Stderr, draw.Stderr);
    }
}
