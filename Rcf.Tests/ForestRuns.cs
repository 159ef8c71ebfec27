namespace TurbineConsole.Rcf.Tests;

/// <summary>
/// Scores every data set once per shingle size, in parallel, and shares the results between the test classes
/// (the runs dominate the test time).
/// </summary>
public sealed class ForestRuns
{
    /// <summary>Shingle sizes the reference was run with.</summary>
    public static readonly int[] Shingles = [1, 4, 8];

    /// <summary>Results keyed by (series, shingle): the forest's scores and the grades of a thresholded forest.</summary>
    private readonly Dictionary<(string Series, int Shingle), Lazy<(double[] Scores, double[] Grades)>> _runs = new();

    /// <summary>Creates the (lazy) runs; the first access computes all of them in parallel.</summary>
    public ForestRuns()
    {
        var inputs = new Dictionary<string, Func<double[]>>
        {
            ["wind_synth"] = TestData.WindSpeeds,
        };
        foreach (var (file, reference) in TestData.NabSeries)
        {
            inputs[reference] = () => TestData.Nab(file).Values;
        }

        foreach (var (series, load) in inputs)
        {
            foreach (var shingle in Shingles)
            {
                _runs[(series, shingle)] = new Lazy<(double[], double[])>(
                    () => Run(load(), shingle), LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }

        Parallel.ForEach(_runs.Values, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            run => _ = run.Value);
    }

    /// <summary>Scores and grades of the thresholded forest over the series (scored before each update).</summary>
    public (double[] Scores, double[] Grades) Get(string series, int shingle) => _runs[(series, shingle)].Value;

    /// <summary>Default options (50 trees, sample 256, output after 32, seed 42) at a shingle size.</summary>
    public static RandomCutForestOptions Options(int shingle) => new() { ShingleSize = shingle };

    private static (double[] Scores, double[] Grades) Run(double[] values, int shingle)
    {
        var detector = new ThresholdedRandomCutForest(Options(shingle));
        var scores = new double[values.Length];
        var grades = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var result = detector.Process([values[i]]);
            scores[i] = result.Score;
            grades[i] = result.Grade;
        }

        return (scores, grades);
    }
}
