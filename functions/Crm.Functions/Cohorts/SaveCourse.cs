using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class SaveCourse(CohortApi api)
{
    [Function(FunctionCatalog.SaveCourse)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tenants/{tenantId}/courses/{courseId}")] HttpRequest request,
        string tenantId,
        string courseId) =>
        ApiResults.From(request, await api.SaveCourseAsync(ApiResults.Request(request, ("tenantId", tenantId), ("courseId", courseId)), request.HttpContext.RequestAborted));
}
