import Hummingbird

/// The page for a request that cannot be answered: the status, the reason, and the search box.
///
/// ```swift
/// ErrorPage.render(status: .notFound, message: "no report at this path in the index", query: nil)
/// ```
enum ErrorPage {
    static func render(status: HTTPResponse.Status, message: String, query: String?) -> String {
        let heading: String
        switch status.code {
        case 401: heading = "需要登录"
        case 404: heading = "没有找到"
        case 429: heading = "尝试次数过多"
        case 400..<500: heading = "请求有误"
        default: heading = "服务出错"
        }
        let main = """
            <section class="error-page">
            <h1>\(heading) <small>\(status.code)</small></h1>
            <p class="message">\(HTML.escape(message))</p>
            <p><a href="/">返回首页</a></p>
            </section>
            """
        return Layout.page(title: heading, query: query, bodyClass: "error", main: main)
    }
}
