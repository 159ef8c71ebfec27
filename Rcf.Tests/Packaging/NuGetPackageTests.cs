using System.Globalization;

namespace TurbineConsole.Rcf.Tests.Packaging;

/// <summary>
/// The library as an outside user gets it: packed with <c>dotnet pack</c>, referenced by version from a local feed
/// by a console app outside the repository (so none of the repository's build settings apply), restored, built and
/// run. The app's own packages folder keeps an earlier copy of the package from being used; a source mapping sends
/// only TurbineConsole.Rcf to the local feed, so the machine's usual source is consulted for nothing else (a console
/// app needs no other package: its framework comes with the SDK). The run is kept off the network altogether.
/// </summary>
[Collection(NuGetPackageCollection.Name)]
public sealed class NuGetPackageTests : IDisposable
{
    /// <summary>Points the app scores.</summary>
    private const int Points = 400;

    /// <summary>Index of the one spike in the app's series.</summary>
    private const int Spike = 350;

    /// <summary>Longest any one dotnet command may take.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>Scratch folder under the system's temporary folder, deleted afterwards.</summary>
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rcf-package-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Creates the scratch folder.</summary>
    public NuGetPackageTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void A_console_app_referencing_the_package_scores_and_flags_a_spike_above_everything_else()
    {
        var feed = Path.Combine(_root, "feed");
        var app = Path.Combine(_root, "app");
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            // Nothing may come from the network: a proxy that refuses every connection makes any attempt fail.
            ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["HTTP_PROXY"] = "http://127.0.0.1:9",
            ["https_proxy"] = "http://127.0.0.1:9",
            ["http_proxy"] = "http://127.0.0.1:9",
        };
        WriteApp(app, feed);

        // The library as built for these tests (same configuration), packed without building it again, so the
        // pack does not rewrite assemblies that other test runs of the solution may be loading.
        var pack = ScratchProcess.Dotnet(
            _root, environment, s_timeout, "pack", RcfProject(), "-c", Configuration(), "--no-build", "-o", feed);
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, "TurbineConsole.Rcf.1.0.0.nupkg")), pack.Output);

        var run = ScratchProcess.Dotnet(app, environment, s_timeout, "run", "-c", "Release");
        Assert.True(run.ExitCode == 0, "dotnet run failed:\n" + run.Output);

        var rows = run.Output.Split('\n', StringSplitOptions.TrimEntries)
            .Select(line => line.Split(','))
            .Where(fields => fields.Length == 3 && int.TryParse(fields[0], CultureInfo.InvariantCulture, out _))
            .Select(f => (Index: int.Parse(f[0], CultureInfo.InvariantCulture),
                Score: double.Parse(f[1], CultureInfo.InvariantCulture),
                Grade: double.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToArray();
        Assert.True(rows.Length == Points, $"expected {Points} scored points, got {rows.Length}:\n{run.Output}");
        var highest = rows.MaxBy(r => r.Score);
        Assert.Equal(Spike, highest.Index);
        Assert.True(highest.Score > 2, $"spike scored {highest.Score}");
        Assert.True(rows[Spike].Grade > 0, $"spike graded {rows[Spike].Grade}");
        Assert.Contains("restored forest continues: True", run.Output);
    }

    /// <summary>Deletes the scratch folder.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WriteApp(string app, string feed)
    {
        Directory.CreateDirectory(app);
        // Empty build files stop MSBuild from looking further up for any (the app must build as an outsider's would).
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="TurbineConsole.Rcf" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "SpikeApp.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TurbineConsole.Rcf" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), $$"""
            using System.Globalization;
            using TurbineConsole.Rcf;

            // A calm, slowly waving series with one spike; each point is scored and graded, then learnt.
            var detector = new ThresholdedRandomCutForest(new RandomCutForestOptions { NumberOfTrees = 30, SampleSize = 64, Seed = 7 });
            double Value(int i) => i == {{Spike}} ? 60 : 20 + 2 * Math.Sin(i * 0.2) + (i * 7919 % 13) / 26.0;
            for (int i = 0; i < {{Points}}; i++)
            {
                AnomalyDescriptor result = detector.Process([Value(i)]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i},{result.Score:R},{result.Grade:R}"));
            }

            // A checkpoint restores a detector that carries on exactly as the original.
            var restored = ThresholdedRandomCutForest.FromBytes(detector.ToBytes());
            bool same = Enumerable.Range({{Points}}, 50).All(i => detector.Process([Value(i)]).Score == restored.Process([Value(i)]).Score);
            Console.WriteLine($"restored forest continues: {same}");
            """);
    }

    /// <summary>Rcf/Rcf.csproj, found from the test assembly's folder upwards.</summary>
    private static string RcfProject()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Rcf", "Rcf.csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Rcf/Rcf.csproj not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The configuration the tests were built in (the folder above the target framework's).</summary>
    private static string Configuration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
