using Microsoft.Extensions.Diagnostics.HealthChecks;
using TurbineConsole.Pipeline.Health;

namespace TurbineConsole.Tests.Core.Health;

public sealed class DiskSpaceHealthCheckTests
{
    [Fact]
    public void Free_space_below_the_setting_is_unhealthy_and_names_the_setting()
    {
        var low = DiskSpaceHealthCheck.Evaluate(freeBytes: 499_999_999, minFreeMegabytes: 500);
        var enough = DiskSpaceHealthCheck.Evaluate(freeBytes: 500_000_000, minFreeMegabytes: 500);

        Assert.Equal(HealthStatus.Unhealthy, low.Status);
        Assert.Contains("Only 499 MB free", low.Description);
        Assert.Contains("Pipeline:Health:MinFreeDiskMegabytes", low.Description);
        Assert.Equal(HealthStatus.Healthy, enough.Status);
    }

    [Fact]
    public async Task The_real_disk_of_a_folder_not_created_yet_is_read_through_its_parent_and_its_path_is_not_told()
    {
        var folder = Path.Combine(Path.GetTempPath(), "turbineconsole-disk-" + Guid.NewGuid().ToString("N"), "data");

        var modest = await new DiskSpaceHealthCheck(folder, new HealthOptions { MinFreeDiskMegabytes = 1 }).CheckHealthAsync(new HealthCheckContext());
        var absurd = await new DiskSpaceHealthCheck(folder, new HealthOptions { MinFreeDiskMegabytes = 1_000_000_000_000 }).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, modest.Status);
        Assert.Equal(HealthStatus.Unhealthy, absurd.Status);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), absurd.Description);
    }
}
