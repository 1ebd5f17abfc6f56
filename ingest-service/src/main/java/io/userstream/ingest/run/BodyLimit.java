package io.userstream.ingest.run;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request body of at most 16 KB, however it is sent: a larger {@code Content-Length} fails at the first
 * read, a chunked body once it passes the limit. The run's JSON needs a few hundred bytes; reading fails
 * with {@link TooLarge}, which {@link IngestErrors} answers with 413. After the token check, so a caller
 * without the token is turned away before anything is read.
 */
@Component
class BodyLimit extends OncePerRequestFilter {

	static final int MAX_BYTES = 16 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new LimitedRequest(request), response);
	}

	/** The body passed the limit. */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("request body larger than " + MAX_BYTES + " bytes");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream body = super.getInputStream();
			long declared = getContentLengthLong();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					byte[] one = new byte[1];
					return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					if (declared > MAX_BYTES) {
						throw new TooLarge();
					}
					int count = body.read(buffer, offset, length);
					this.read += Math.max(count, 0);
					if (this.read > MAX_BYTES) {
						throw new TooLarge();
					}
					return count;
				}

				@Override
				public boolean isFinished() {
					return body.isFinished();
				}

				@Override
				public boolean isReady() {
					return body.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					body.setReadListener(listener);
				}

			};
		}

	}

}
