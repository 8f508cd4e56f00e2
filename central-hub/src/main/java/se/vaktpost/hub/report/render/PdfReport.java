package se.vaktpost.hub.report.render;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The PDF is the HTML report laid out by openhtmltopdf (PDFBox), charts drawn by Batik. */
public final class PdfReport {
    static {
        // The renderer's own logging goes to standard error; send it through the hub's logging instead.
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new com.openhtmltopdf.slf4j.Slf4jLogger());
    }

    private PdfReport() {
    }

    public static byte[] render(ReportDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(HtmlReport.render(doc), null);
            builder.withProducer("Vaktpost");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
