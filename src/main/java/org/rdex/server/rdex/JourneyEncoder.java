package org.rdex.server.rdex;

import java.io.OutputStream;
import java.util.Arrays;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.codehaus.stax2.XMLOutputFactory2;
import org.codehaus.stax2.XMLStreamProperties;
import org.codehaus.stax2.XMLStreamWriter2;
import org.codehaus.stax2.util.StreamWriter2Delegate;
import org.codehaus.stax2.validation.XMLValidationException;
import org.rdex.server.rdex.xml.XmlJourney;

import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;

/**
 * Marshals journeys one at a time with JAXB onto a Woodstox writer that validates against the DTD as it
 * writes, into a byte buffer. The writer stands inside {@code <document><title>}, so each journey is checked
 * exactly where it will sit in the file. A journey that breaks the DTD is cut from the buffer and the writer
 * is replaced (its validator state is no longer trustworthy): bytes only leave through {@link #take()}, and
 * only whole, valid journeys are in them. Not thread-safe: one encoder per thread.
 */
final class JourneyEncoder {

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(XmlJourney.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RdexDtd dtd;
    private final Marshaller marshaller;
    private final Buffer buffer = new Buffer(64 * 1024);
    private XMLStreamWriter journeyWriter;

    JourneyEncoder(RdexDtd dtd) {
        this.dtd = dtd;
        try {
            marshaller = CONTEXT.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
        } catch (JAXBException e) {
            throw new IllegalStateException("JAXB marshaller unavailable", e);
        }
    }

    /** A Woodstox factory writing UTF-8 the way our files look: double quotes in the declaration, no namespaces. */
    static WstxOutputFactory outputFactory() {
        WstxOutputFactory factory = new WstxOutputFactory();
        factory.setProperty(XMLStreamProperties.XSP_NAMESPACE_AWARE, Boolean.FALSE);
        factory.setProperty(XMLOutputFactory2.P_AUTOMATIC_EMPTY_ELEMENTS, Boolean.FALSE);
        factory.setProperty(XMLOutputFactory2.P_AUTO_CLOSE_OUTPUT, Boolean.FALSE);
        factory.setProperty(WstxOutputProperties.P_USE_DOUBLE_QUOTES_IN_XML_DECL, Boolean.TRUE);
        factory.setProperty(WstxOutputProperties.P_OUTPUT_ESCAPE_CR, Boolean.TRUE);
        return factory;
    }

    private static final WstxOutputFactory FACTORY = outputFactory();

    /**
     * A writer onto {@code out} validating against {@code dtd}: every validation problem throws, none is
     * only reported. Line breaks in text are written as {@code &#10;} and {@code &#13;} so that the file
     * stays on one line.
     */
    static XMLStreamWriter2 validatingWriter(OutputStream out, RdexDtd dtd) throws XMLStreamException {
        XMLStreamWriter2 writer = (XMLStreamWriter2) FACTORY.createXMLStreamWriter(out, "UTF-8");
        writer.validateAgainst(dtd.schema());
        writer.setValidationProblemHandler(problem -> {
            throw XMLValidationException.createException(problem);
        });
        return new OneLine(writer);
    }

    /**
     * Writes one journey into the buffer.
     *
     * @return null if it was written, else why it does not validate (nothing of it is kept)
     * @throws XMLStreamException for anything but a validation problem
     */
    String encode(XmlJourney journey) throws XMLStreamException {
        if (journeyWriter == null) {
            journeyWriter = openInDocument();
        }
        int mark = buffer.size();
        try {
            marshaller.marshal(journey, journeyWriter);
            journeyWriter.flush();
            return null;
        } catch (JAXBException | XMLStreamException e) {
            XMLValidationException invalid = validationProblem(e);
            buffer.truncate(mark);
            journeyWriter = null;
            if (invalid == null) {
                throw e instanceof XMLStreamException x ? x : new XMLStreamException("cannot marshal journey", e);
            }
            return invalid.getValidationProblem().getMessage();
        }
    }

    /** The bytes of the journeys written since the last call. */
    byte[] take() {
        return buffer.take();
    }

    private XMLStreamWriter openInDocument() throws XMLStreamException {
        int mark = buffer.size();
        XMLStreamWriter writer = validatingWriter(buffer, dtd);
        writer.writeStartElement("document");
        writer.writeStartElement("title");
        writer.writeCharacters("t");
        writer.writeEndElement();
        writer.flush();
        buffer.truncate(mark);
        return writer;
    }

    private static XMLValidationException validationProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XMLValidationException v) {
                return v;
            }
            if (t instanceof JAXBException j && j.getLinkedException() != null && j.getLinkedException() != t.getCause()) {
                XMLValidationException linked = validationProblem(j.getLinkedException());
                if (linked != null) {
                    return linked;
                }
            }
        }
        return null;
    }

    /** Line breaks ({@code \n}, {@code \r}) in text go out as character references, the rest untouched. */
    private static final class OneLine extends StreamWriter2Delegate {

        OneLine(XMLStreamWriter2 writer) {
            super(writer);
            // The superclass constructor leaves the XMLStreamWriter2 reference unset.
            setParent(writer);
        }

        /**
         * None: RDEX has no namespaces, and JAXB would otherwise ask Woodstox for the prefix of the empty
         * namespace URI, which Woodstox refuses.
         */
        @Override
        public javax.xml.namespace.NamespaceContext getNamespaceContext() {
            return null;
        }

        @Override
        public void writeCharacters(String text) throws XMLStreamException {
            if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
                mDelegate2.writeCharacters(text);
            } else {
                char[] chars = text.toCharArray();
                writeCharacters(chars, 0, chars.length);
            }
        }

        @Override
        public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
            int end = start + len;
            int from = start;
            for (int i = start; i < end; i++) {
                char c = text[i];
                if (c == '\n' || c == '\r') {
                    if (i > from) {
                        mDelegate2.writeCharacters(text, from, i - from);
                    }
                    mDelegate2.writeRaw(c == '\n' ? "&#10;" : "&#13;");
                    from = i + 1;
                }
            }
            if (from < end) {
                mDelegate2.writeCharacters(text, from, end - from);
            }
        }
    }

    /** A growable byte array that can forget what was written after a mark. */
    static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int count;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        int size() {
            return count;
        }

        void truncate(int mark) {
            count = mark;
        }

        byte[] take() {
            byte[] copy = Arrays.copyOf(bytes, count);
            count = 0;
            return copy;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int n) {
            if (count + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + n));
            }
        }
    }
}
