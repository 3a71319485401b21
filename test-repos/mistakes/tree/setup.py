from setuptools import find_packages, setup

setup(
    name="news_digest_bot",
    version="0.1.0",
    packages=find_packages(),
    install_requires=[
        "python-telegram-bot",
        "openai",
        "requests",
        "beautifulsoup4",
        "python-dotenv",
    ],
)
